// The file imports net/http but holds no literal the rule changes (one
// positional, skipped): the rule's imports are not added, they would be
// unused.
package set_fields_no_literal

import "net/http"

func Get(c *http.Client, url string) (*http.Response, error) { return c.Get(url) }

type local struct{ a, b int }

func Positional() local { return local{1, 2} }
