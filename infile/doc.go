// Package infile reads the files borderflow is given — scenarios,
// policies, budgets, a sweep's manifest and pairs, the files plot draws
// from — by one rule, so that no input can hang the program or exhaust
// its memory:
//
//   - only regular files (after symbolic links) are read: a FIFO would
//     block for ever and a device such as /dev/zero never ends, so both
//     are refused before a byte is read;
//   - each reader states its size limit, counted while reading, so a file
//     that grows (or lies about its size) costs at most the limit;
//   - a done context (SIGINT, SIGTERM) stops the read between chunks.
//
// What a file's text may hold once read (the nesting of TOML, the
// numbers of a CSV) is its reader's rule; the TOML readers share
// scenario.ReadDoc's.
package infile
