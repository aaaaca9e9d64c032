# Written by Emrys into a Python job's driver folder and put first on the driver Python's PYTHONPATH. Spark's
# PythonRunner merges the Python process's stderr into the driver's stdout; EMR users look for a traceback in
# SPARK_DRIVER/stderr.gz, so this points file descriptor 2 back at the driver's own stderr file (opened for
# appending, as the driver JVM writes it). Nothing else changes: the job's own sitecustomize, if it ships one
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
