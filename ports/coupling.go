// What a port exchanges with the other ports of a replication, through the
// border: the published waits its drivers compare and the vehicles they
// divert (the drivers' response, response.go).

package ports

import "borderflow/traffic"

// Transfer is a diverted vehicle on its way to another port.
type Transfer struct {
	At       float64 // when it reaches the destination
	From, To int     // port indices
	Lane     int     // lane index at the destination
	Key      uint64
	Load     traffic.Load
	Loaded   bool
	Tries    int8
	Part     string // its trusted part ("" general; trusted.go)
}

// Option is another port a lane's drivers may go to.
type Option struct {
	Port, Lane int     // destination port and its lane of the same class
	Drive      float64 // seconds
}

// Coupling is what a port knows of the others, set by the border.
type Coupling struct {
	// Published is the expected wait by port and lane (seconds) as last
	// published; the border writes it between windows only.
	Published [][]float64
	// Send takes a diverted vehicle (called inside the sending port's
	// event; the border delivers it to the destination no earlier than
	// Transfer.At).
	Send func(Transfer)
}
