#!/bin/sh
# scan.sh LOGDIR OURS: read the valgrind logs LOGDIR/vg.*.log of
# test/valgrind/run.sh.  An error report is a block of lines whose second
# line is a stack frame ("at 0x..."); it is migrisk's when a line of it (a
# frame of the error or of its origin) names migrisk.so or a source path
# starting with OURS (the build directory: frames carry full paths), or
# record_image_eq (only test/valgrind/image.sh compares by image, and only
# migrisk values).  The first migrisk reports in full, then the other
# reports grouped by their first two frames, go to stderr; stdout gets one
# line: "processes_with_summary reports migrisk_reports contexts suppressed
# killed", contexts and suppressed as valgrind's ERROR SUMMARY lines count
# them (a cross-check of the block count), killed the processes that
# valgrind saw die of a signal.
set -u
awk -v ours="$2" '
	function flush() {
		if (nb >= 2 && blk[2] ~ /^ +at 0x/) {
			reports++
			mine = 0
			for (i = 1; i <= nb; i++)
				if (index(blk[i], "migrisk.so") || index(blk[i], ours) ||
				    index(blk[i], "record_image_eq")) mine = 1
			if (mine) {
				mreports++
				if (mreports <= 5) {
					printf "--- migrisk report %d (%s)\n", mreports, FILENAME > "/dev/stderr"
					for (i = 1; i <= nb; i++) print "   " blk[i] > "/dev/stderr"
				}
			} else {
				key = blk[1] " @ " blk[2] (nb >= 3 && blk[3] ~ /^ +by 0x/ ? " <" blk[3] : "")
				gsub(/0x[0-9A-F]+: /, "", key)
				gsub(/  +/, " ", key)
				other[key]++
			}
			if (blk[1] ~ /^Process terminating/) crashed++
		}
		nb = 0
	}
	FNR == 1 { flush() }
	/^==[0-9]+==/ {
		line = $0
		sub(/^==[0-9]+== ?/, "", line)
		if (line == "") { flush(); next }
		blk[++nb] = line
		if (line ~ /^ERROR SUMMARY:/) {
			split(line, w, " ")
			contexts += w[6]
			s = line; sub(/.*suppressed: /, "", s); split(s, w2, " ")
			suppressed += w2[1]
			summaries++
			nb = 0
		}
		next
	}
	END {
		flush()
		for (k in other) printf "--- other report x%d: %s\n", other[k], k > "/dev/stderr"
		printf "%d %d %d %d %d %d\n", summaries, reports, mreports, contexts, suppressed, crashed + 0
	}' "$1"/vg.*.log
