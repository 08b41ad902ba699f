//go:build !unix

package store

// writable reports whether this process may create files in dir; where
// it cannot tell, SQLite's own errors say.
func writable(dir string) bool { return true }
