package cli

import (
	"runtime"
	"syscall"
)

// peakRSS is the process's peak resident set size in bytes (Linux reports
// ru_maxrss in KiB). It is the "peak memory" every bench command prints.
func peakRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024
}

// mb formats bytes as megabytes.
func mb(b int64) float64 { return float64(b) / (1 << 20) }

// cores is the parallelism Go uses, reported beside rates so that figures
// from different machines compare.
func cores() int { return runtime.GOMAXPROCS(0) }
