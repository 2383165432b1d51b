#!/usr/bin/env python3
"""Writes a build cache as something other than this arshif would.

    cache_fixture.py DIR old-version VERSION   a valid cache of another arshif
    cache_fixture.py DIR foreign               an LMDB database of another program

Through liblmdb and libxxhash themselves (ctypes): the records are what
such a cache really holds, checksums included, not bytes typed in here.
"""
import ctypes
import ctypes.util
import os
import struct
import sys

lmdb = ctypes.CDLL(ctypes.util.find_library("lmdb") or "liblmdb.so.0")
xxh = ctypes.CDLL(ctypes.util.find_library("xxhash") or "libxxhash.so.0")
xxh.XXH3_64bits.restype = ctypes.c_uint64
xxh.XXH3_64bits.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
xxh.XXH3_64bits_withSeed.restype = ctypes.c_uint64
xxh.XXH3_64bits_withSeed.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint64]


class Val(ctypes.Structure):
    _fields_ = [("mv_size", ctypes.c_size_t), ("mv_data", ctypes.c_void_p)]


def check(rc, what):
    if rc != 0:
        lmdb.mdb_strerror.restype = ctypes.c_char_p
        sys.exit("cache_fixture: %s: %s" % (what, lmdb.mdb_strerror(rc).decode()))


def put(folder, dbname, records):
    os.makedirs(folder, exist_ok=True)
    env = ctypes.c_void_p()
    txn = ctypes.c_void_p()
    dbi = ctypes.c_uint()
    check(lmdb.mdb_env_create(ctypes.byref(env)), "mdb_env_create")
    check(lmdb.mdb_env_set_maxdbs(env, 8), "mdb_env_set_maxdbs")
    check(lmdb.mdb_env_open(env, folder.encode(), 0, 0o644), "mdb_env_open")
    check(lmdb.mdb_txn_begin(env, None, 0, ctypes.byref(txn)), "mdb_txn_begin")
    name = dbname.encode() if dbname else None
    check(lmdb.mdb_dbi_open(txn, name, 0x40000, ctypes.byref(dbi)), "mdb_dbi_open")
    keep = []
    for k, v in records:
        kb, vb = ctypes.create_string_buffer(k, len(k)), ctypes.create_string_buffer(v, len(v))
        keep += [kb, vb]
        kv = Val(len(k), ctypes.cast(kb, ctypes.c_void_p))
        vv = Val(len(v), ctypes.cast(vb, ctypes.c_void_p))
        check(lmdb.mdb_put(txn, dbi, ctypes.byref(kv), ctypes.byref(vv), 0), "mdb_put")
    check(lmdb.mdb_txn_commit(txn), "mdb_txn_commit")
    lmdb.mdb_env_close(env)


def main():
    folder, kind = sys.argv[1], sys.argv[2]
    if kind == "old-version":
        version = sys.argv[3].encode()
        # magic, format 1, the version as a length-prefixed string
        body = b"arshif build cache\0" + struct.pack("<I", 1) + \
            struct.pack("<I", len(version)) + version + b"\0"
        seed = xxh.XXH3_64bits(b"meta", 4)
        body += struct.pack("<Q", xxh.XXH3_64bits_withSeed(body, len(body), seed))
        put(folder, "meta", [(b"meta", body)])
    elif kind == "foreign":
        put(folder, None, [(b"greeting", b"hello from another program")])
    else:
        sys.exit("cache_fixture: unknown kind " + kind)


main()
