"""Reading sources: loading files, canonical text, and cutting passages."""
