#!/bin/sh
# migrisk touches no file, network, process or dynamic-loading facility:
# the installed module (the build make test just installed) may not import
# any libc or PostgreSQL function that opens, creates, removes or renames
# files, opens sockets or resolves names, runs programs or loads libraries.
# A function that needs one of them is a design change: it belongs in
# docs/security.md first, then in the allowed list here.
set -u
lib="$("${PG_CONFIG:-pg_config}" --pkglibdir)/migrisk.so"
if [ ! -r "$lib" ]; then
	echo "no_file_network: $lib not found"
	exit 1
fi
if ! command -v nm >/dev/null 2>&1; then
	echo "no_file_network: nm (binutils) not found"
	exit 1
fi
forbidden='open open64 openat openat64 fopen fopen64 freopen fdopen creat
opendir fdopendir unlink unlinkat remove rename renameat mkdir mkdirat rmdir
chmod fchmod chown fchown symlink link truncate ftruncate mkstemp tmpfile
read write pread pwrite readv writev sendfile
socket socketpair connect bind listen accept accept4 send sendto sendmsg
recvfrom recvmsg getaddrinfo gethostbyname gethostbyname2 getnameinfo
system popen execl execle execlp execv execve execvp execvpe fork vfork
posix_spawn posix_spawnp dlopen dlsym
AllocateFile AllocateDir OpenTransientFile OpenTransientFilePerm
PathNameOpenFile PathNameOpenFilePerm BasicOpenFile BasicOpenFilePerm
OpenPipeStream OpenTemporaryFile FileRead FileWrite durable_rename
durable_unlink load_external_function PQconnectdb PQconnectdbParams
PQconnectStart be_lo_import be_lo_export pg_read_file lo_import lo_export
BeginCopyFrom BeginCopyTo'
nm -D --undefined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u > "${TMPDIR:-/tmp}/migrisk_imports.$$"
found=$(for s in $forbidden; do grep -x "$s" "${TMPDIR:-/tmp}/migrisk_imports.$$"; done)
n=$(wc -l < "${TMPDIR:-/tmp}/migrisk_imports.$$")
rm -f "${TMPDIR:-/tmp}/migrisk_imports.$$"
if [ -n "$found" ]; then
	echo "no_file_network: FAIL: migrisk.so imports:" $found
	exit 1
fi
echo "no_file_network: migrisk.so imports $n symbols, none for files, network, programs or loading"
