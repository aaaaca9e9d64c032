# Written by Emrys into a Python job's driver folder and put first on the driver Python's PYTHONPATH. Spark's
# PythonRunner merges the Python process's stderr into the driver's stdout; EMR users look for a traceback in
# SPARK_DRIVER/stderr.gz, so this points file descriptor 2 back at the driver's own stderr file (opened for
# appending, as the driver JVM writes it), and gives the script its arguments (below). The job's own sitecustomize, if it ships one
# through --py-files or an archive, comes later on the path and is not imported.
import os as _os

_stderr = _os.environ.pop("EMRYS_DRIVER_STDERR", None)
if _stderr:
    try:
        _fd = _os.open(_stderr, _os.O_WRONLY | _os.O_APPEND)
        _os.dup2(_fd, 2)
        _os.close(_fd)
    except OSError:
        pass
del _os, _stderr

# The job's entry-point arguments (AWS marks them sensitive) are not on this process's command line, where any
# user of the host could read them with ps: they are in an owner-only file of NUL-terminated arguments. Only the
# job's script takes them (never a `python -m`/`-c` worker that Spark starts), and sys.argv then reads exactly as
# it would have; the variable is removed, so a Python process the job starts itself gets none.
import os as _os
import sys as _sys

_arguments = _os.environ.pop("EMRYS_ENTRY_POINT_ARGUMENTS", None)
if _arguments and len(_sys.argv) == 1 and _sys.argv[0] not in ("", "-c", "-m"):
    with open(_arguments, "rb") as _file:
        _sys.argv[1:] = [_os.fsdecode(_argument) for _argument in _file.read().split(b"\0")[:-1]]
    del _file
del _os, _sys, _arguments
