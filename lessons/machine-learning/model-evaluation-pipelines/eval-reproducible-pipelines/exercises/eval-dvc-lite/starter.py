import hashlib


def md5_hex(data):
    """The MD5 digest of `data` (bytes) as 32 lowercase hex characters."""
    # TODO
    raise NotImplementedError


def stale_stages(stages, files, lock):
    """Names of the stages that must re-run, each after the stages that produce its inputs."""
    # TODO
    raise NotImplementedError
