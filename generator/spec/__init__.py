"""Reading a spec once: parse and validate (`loader`), resolve `$ref`s (`refs`), the normalized
view every later stage reads (`openapi`), JSON pointers (`pointers`), and specs named by file
or git revision (`sources`)."""
