"""TinyDB board files and the storage protocol (locks, atomic writes, conflicts); no Textual."""
