from identity_app.compiled_build import usable_build

# `make compiled`'s extensions of this package's hot modules come first while they match the source.
if (_compiled := usable_build()) is not None:
    __path__.insert(0, str(_compiled))
