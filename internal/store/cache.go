package store

import (
	"container/list"
	"context"
	"sync"
)

// resultCache keeps recent search results, for a server that gets the
// same searches again (the home page's links, shared URLs, a page of
// results and its next). An answer is kept with the state of the index it
// came from and served only while that state holds: every write of the
// index adds a segment, and a merge replaces some by a new one, so the
// highest segment id and the number of segments change with any write.
type resultCache struct {
	mu    sync.Mutex
	max   int
	ll    *list.List
	items map[Filter]*list.Element
}

type cached struct {
	f   Filter
	gen generation
	res Result
}

type generation struct{ top, n int64 }

func newResultCache(n int) *resultCache {
	return &resultCache{max: n, ll: list.New(), items: map[Filter]*list.Element{}}
}

func indexGeneration(ctx context.Context, tx tx) (generation, error) {
	var g generation
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0), count(*) FROM ix_segments`).Scan(&g.top, &g.n)
	return g, err
}

func (c *resultCache) get(f Filter, g generation) (Result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[f]
	if !ok {
		return Result{}, false
	}
	it := e.Value.(*cached)
	if it.gen != g {
		c.ll.Remove(e)
		delete(c.items, f)
		return Result{}, false
	}
	c.ll.MoveToFront(e)
	return it.res, true
}

func (c *resultCache) put(f Filter, g generation, r Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[f]; ok {
		c.ll.Remove(e)
	}
	c.items[f] = c.ll.PushFront(&cached{f, g, r})
	for c.ll.Len() > c.max {
		e := c.ll.Back()
		c.ll.Remove(e)
		delete(c.items, e.Value.(*cached).f)
	}
}

// CacheResults keeps the last n search results (0: none) and serves a
// search again from them while the index has not changed.
func (s *Store) CacheResults(n int) {
	if n <= 0 {
		s.results = nil
		return
	}
	s.results = newResultCache(n)
}
