"""TinyDB board files and the storage protocol of design.md. Never imports Textual."""
