package sim

// fifoPage is the number of entries per page of a fifo: 256 requests are
// 10 KB, so a queue of a million waiting vehicles is 4,000 pages and never
// one 40 MB slice copied on every doubling.
const fifoPage = 256

// fifo is a first-in-first-out queue kept in fixed-size pages. Compared
// with a ring buffer that doubles, a long queue costs no copy of its
// entries as it grows, and the pages it no longer needs go back to the
// garbage collector as it drains (one is kept for reuse), so a queue that
// overflowed for a while does not hold its peak memory for the rest of the
// run. Push and pop are O(1); indices need no division.
type fifo[T any] struct {
	pages []*[fifoPage]T
	head  int // first entry, in pages[0]
	tail  int // one past the last entry, in pages[len(pages)-1]
	n     int
	spare *[fifoPage]T
}

func (q *fifo[T]) len() int { return q.n }

func (q *fifo[T]) push(x T) {
	if len(q.pages) == 0 || q.tail == fifoPage {
		p := q.spare
		q.spare = nil
		if p == nil {
			p = new([fifoPage]T)
		}
		q.pages = append(q.pages, p)
		q.tail = 0
	}
	q.pages[len(q.pages)-1][q.tail] = x
	q.tail++
	q.n++
}

// pop removes and returns the first entry; the queue must not be empty.
// A queue that empties is not rewound to the start of its page: whether a
// pop empties the queue is a coin toss at a busy booth, and a branch on it
// would be mispredicted half the time; the page is recycled when its last
// entry has been read, as any other.
func (q *fifo[T]) pop() T {
	var zero T
	p := q.pages[0]
	x := p[q.head]
	p[q.head] = zero // drop references for the garbage collector
	q.head++
	q.n--
	if q.head == fifoPage { // first page used up: recycle it
		q.spare = p
		copy(q.pages, q.pages[1:])
		q.pages[len(q.pages)-1] = nil
		q.pages = q.pages[:len(q.pages)-1]
		q.head = 0
	}
	return x
}
