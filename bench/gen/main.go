// Command gen writes a synthetic Go module for the build-time benchmark.
//
//	gen -n 1000 -o DIR [-seed 1] [-layers 8] [-http-every 10] [-sql-every 10] [-uuid-every 0]
//
// The module (example.com/benchsvc) holds N library
// packages pkg/pNNNN and two main packages:
//
//   - every package has a few files of ordinary code (structs, methods, a
//     loop or two) and imports 1-3 packages of lower layers, so the import
//     graph is a DAG about `layers` deep: wide enough to build in parallel,
//     deep enough that an edit has dependents, like a real service;
//   - one package in every http-every uses net/http (a handler's ServeHTTP
//     and a client call), one in every sql-every uses database/sql
//     (QueryContext, QueryRowContext, ExecContext), so otel's built-in rules
//     match the standard library packages they pull in;
//   - with -uuid-every K > 0, one package in every K calls the third-party
//     module github.com/google/uuid (v1.6.0, required in go.mod; the
//     runner completes go.sum), and package hooks holds a hook for a rule on
//     uuid.NewString, whose package lives beneath GOMODCACHE;
//   - cmd/server imports every package, cmd/worker the database ones.
//
// Markers for the benchmark runner (bench/run.sh):
//   - pkg/pNNNN/logic.go of every package has the line
//     "seed := 0 // bench:edit" inside Summarize, a function too large to be
//     inlined: changing the number is a body-only edit that no rule targets;
//   - BENCH_EDIT_PKG in the module's bench.env names the package the runner
//     edits (the middle one, which has dependents), BENCH_PLAIN_PKGS lists
//     packages that import neither net/http nor database/sql (candidates for
//     the "import added" scenario).
//
// The output is a pure function of the flags: same flags, same bytes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

const modulePath = "example.com/benchsvc"

type config struct {
	n, layers, httpEvery, sqlEvery int
	uuidEvery                      int
	seed                           int64
	out                            string
}

// pkgInfo is one generated library package.
type pkgInfo struct {
	index   int
	name    string // p0042
	layer   int
	deps    []int // indexes of imported packages, sorted
	useHTTP bool
	useSQL  bool
	useUUID bool
}

func main() {
	var c config
	flag.IntVar(&c.n, "n", 1000, "number of library packages")
	flag.IntVar(&c.layers, "layers", 8, "depth of the import DAG")
	flag.IntVar(&c.httpEvery, "http-every", 10, "one package in this many uses net/http (0: none)")
	flag.IntVar(&c.sqlEvery, "sql-every", 10, "one package in this many uses database/sql (0: none)")
	flag.IntVar(&c.uuidEvery, "uuid-every", 0, "one package in this many calls github.com/google/uuid (0: none)")
	flag.Int64Var(&c.seed, "seed", 1, "seed of the import graph")
	flag.StringVar(&c.out, "o", "", "output directory (must not exist or be empty)")
	flag.Parse()
	if c.out == "" || c.n < 1 || c.layers < 1 || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -n N -o DIR [-seed S] [-layers L] [-http-every K] [-sql-every K]")
		os.Exit(2)
	}
	if c.layers > c.n {
		c.layers = c.n
	}
	if err := checkEmpty(c.out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	pkgs := plan(c)
	if err := write(c, pkgs); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// checkEmpty refuses to write into a directory that already holds files,
// so that a stale package from an earlier, larger run cannot linger.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	return nil
}

// plan decides each package's layer, role and imports.
func plan(c config) []pkgInfo {
	rng := rand.New(rand.NewSource(c.seed))
	pkgs := make([]pkgInfo, c.n)
	firstOfLayer := make([]int, c.layers+1)
	for i := range pkgs {
		p := &pkgs[i]
		p.index = i
		p.name = fmt.Sprintf("p%04d", i)
		p.layer = i * c.layers / c.n
		p.useHTTP = c.httpEvery > 0 && i%c.httpEvery == c.httpEvery/2
		p.useSQL = c.sqlEvery > 0 && i%c.sqlEvery == c.sqlEvery-1 && !p.useHTTP
		p.useUUID = c.uuidEvery > 0 && i%c.uuidEvery == 0
	}
	for i := c.n - 1; i >= 0; i-- {
		firstOfLayer[pkgs[i].layer] = i
	}
	for i := range pkgs {
		p := &pkgs[i]
		if p.layer == 0 {
			continue
		}
		// One import from the layer right below keeps the graph deep;
		// the others come from any lower layer.
		below := p.layer - 1
		lo, hi := firstOfLayer[below], firstOfLayer[p.layer]
		picked := map[int]bool{lo + rng.Intn(hi-lo): true}
		for extra := rng.Intn(3); extra > 0; extra-- {
			picked[rng.Intn(firstOfLayer[p.layer])] = true
		}
		for d := 0; d < firstOfLayer[p.layer]; d++ {
			if picked[d] {
				p.deps = append(p.deps, d)
			}
		}
	}
	return pkgs
}

func write(c config, pkgs []pkgInfo) error {
	gomod := "module " + modulePath + "\n\ngo 1.24\n"
	if c.uuidEvery > 0 {
		gomod += "\nrequire github.com/google/uuid v1.6.0\n"
	}
	files := map[string][]byte{"go.mod": []byte(gomod)}
	if c.uuidEvery > 0 {
		files["hooks/hooks.go"] = hooksFile()
	}
	var plain []string
	for _, p := range pkgs {
		dir := "pkg/" + p.name + "/"
		files[dir+"types.go"] = typesFile(p)
		files[dir+"logic.go"] = logicFile(p, pkgs)
		files[dir+"text.go"] = textFile(p)
		if p.useHTTP {
			files[dir+"http.go"] = httpFile(p)
		}
		if p.useSQL {
			files[dir+"db.go"] = sqlFile(p)
		}
		if p.useUUID {
			files[dir+"ids.go"] = uuidFile(p)
		}
		if !p.useHTTP && !p.useSQL && !p.useUUID {
			plain = append(plain, p.name)
		}
	}
	files["cmd/server/main.go"] = serverMain(pkgs)
	files["cmd/worker/main.go"] = workerMain(pkgs)
	files["bench.env"] = []byte(fmt.Sprintf("BENCH_EDIT_PKG=%s\nBENCH_PLAIN_PKGS=%q\n",
		pkgs[len(pkgs)/2].name, strings.Join(plain, " ")))
	for name, data := range files {
		path := filepath.Join(c.out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// uuidFile calls the third-party module that the benchmark's rule targets.
func uuidFile(p pkgInfo) []byte {
	var b bytes.Buffer
	header(&b, p, "identifiers from a third-party module")
	b.WriteString("import \"github.com/google/uuid\"\n")
	fmt.Fprintf(&b, `
// NewID returns a fresh identifier for an item of package %s.
func NewID() string {
	return uuid.NewString()
}
`, p.name)
	return b.Bytes()
}

// hooksFile is the hook package of the benchmark's third-party rule: it
// counts the identifiers made.
func hooksFile() []byte {
	return []byte(`// Code generated by bench/gen; hooks for the benchmark's rule on a third-party module.

package hooks

import "sync/atomic"

// HookContext is the hook context method set otel's trampolines pass.
type HookContext interface {
	SetSkipCall(bool)
	IsSkipCall() bool
	SetData(interface{})
	GetData() interface{}
	GetKeyData(key string) interface{}
	SetKeyData(key string, val interface{})
	HasKeyData(key string) bool
	GetParamCount() int
	GetParam(idx int) interface{}
	SetParam(idx int, val interface{})
	GetReturnValCount() int
	GetReturnVal(idx int) interface{}
	SetReturnVal(idx int, val interface{})
	GetFuncName() string
	GetPackageName() string
}

// Made counts the identifiers made through uuid.NewString.
var Made atomic.Int64

// BeforeNewString counts a call.
func BeforeNewString(ictx HookContext) { Made.Add(1) }
`)
}

// importBlock renders an import declaration: standard packages, a blank
// line, then module packages, as gofmt/goimports would group them.
func importBlock(b *bytes.Buffer, std []string, local []string) {
	b.WriteString("import (\n")
	for _, s := range std {
		fmt.Fprintf(b, "\t%q\n", s)
	}
	if len(std) > 0 && len(local) > 0 {
		b.WriteString("\n")
	}
	for _, l := range local {
		fmt.Fprintf(b, "\t%q\n", modulePath+"/pkg/"+l)
	}
	b.WriteString(")\n")
}

func header(b *bytes.Buffer, p pkgInfo, what string) {
	fmt.Fprintf(b, "// Code generated by bench/gen; %s.\n\npackage %s\n\n", what, p.name)
}

func typesFile(p pkgInfo) []byte {
	var b bytes.Buffer
	header(&b, p, "the package's data types")
	importBlock(&b, []string{"sort", "sync", "time"}, nil)
	fmt.Fprintf(&b, `
// Item is one record handled by package %[1]s.
type Item struct {
	ID      int64
	Name    string
	Tags    []string
	Score   float64
	Created time.Time
}

// Store keeps items by id; it is safe for concurrent use.
type Store struct {
	mu    sync.RWMutex
	items map[int64]Item
	hits  int
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{items: make(map[int64]Item)}
}

// Put adds or replaces an item.
func (s *Store) Put(it Item) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if it.Created.IsZero() {
		it.Created = time.Unix(%[2]d, 0)
	}
	s.items[it.ID] = it
}

// Get returns the item with the given id.
func (s *Store) Get(id int64) (Item, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.items[id]
	if ok {
		s.hits++
	}
	return it, ok
}

// Sorted returns every item, by score then id.
func (s *Store) Sorted() []Item {
	s.mu.RLock()
	out := make([]Item, 0, len(s.items))
	for _, it := range s.items {
		out = append(out, it)
	}
	s.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Summary aggregates a list of items.
type Summary struct {
	Count int
	Total float64
	Names string
	Tags  map[string]int
}
`, p.name, 1700000000+p.index)
	return b.Bytes()
}

func logicFile(p pkgInfo, pkgs []pkgInfo) []byte {
	var b bytes.Buffer
	header(&b, p, "business logic over this package's and its imports' types")
	var local []string
	for _, d := range p.deps {
		local = append(local, pkgs[d].name)
	}
	importBlock(&b, []string{"fmt", "strings"}, local)
	fmt.Fprintf(&b, `
// Level is this package's depth in the import graph.
const Level = %d

// Summarize aggregates items; it is the function the benchmark edits.
func Summarize(items []Item) Summary {
	seed := 0 // bench:edit
	s := Summary{Tags: make(map[string]int)}
	names := make([]string, 0, len(items))
	for _, it := range items {
		s.Count++
		s.Total += it.Score*weight(it) + float64(seed)
		for _, t := range it.Tags {
			s.Tags[strings.ToLower(t)]++
		}
		if it.Name != "" {
			names = append(names, strings.ToUpper(it.Name[:1])+it.Name[1:])
		}
	}
	if len(names) > 8 {
		names = append(names[:8], fmt.Sprintf("and %%d more", len(names)-8))
	}
	s.Names = strings.Join(names, ", ")
	return s
}

func weight(it Item) float64 {
	w := 1.0
	for _, t := range it.Tags {
		switch {
		case strings.HasPrefix(t, "hot"):
			w *= 1.5
		case strings.HasPrefix(t, "cold"):
			w *= 0.5
		case len(t) > 10:
			w += 0.1
		}
	}
	return w
}

// Mix is a small pure function that dependents call.
func Mix(x int) int {
	x ^= x << 13
	x ^= x >> 7
	return x*%d + Level
}
`, p.layer, 2*p.index+1)

	// Transform and Convert use every import, through functions and types.
	b.WriteString("\n// Transform combines this package's Mix with its imports' Mix.\nfunc Transform(x int) int {\n\ty := Mix(x)\n")
	for _, d := range p.deps {
		fmt.Fprintf(&b, "\ty = y*31 + %s.Mix(y>>%d)\n", pkgs[d].name, 1+d%5)
	}
	b.WriteString("\treturn y\n}\n")
	if len(p.deps) > 0 {
		dep := pkgs[p.deps[0]].name
		fmt.Fprintf(&b, `
// Convert turns an item of package %[1]s into one of this package.
func Convert(in %[1]s.Item) Item {
	return Item{ID: in.ID, Name: in.Name, Tags: append([]string(nil), in.Tags...), Score: in.Score * 2, Created: in.Created}
}

// Import summarizes the items of package %[1]s as this package's.
func Import(in []%[1]s.Item) Summary {
	out := make([]Item, 0, len(in))
	for _, it := range in {
		out = append(out, Convert(it))
	}
	return Summarize(out)
}
`, dep)
	}
	fmt.Fprintf(&b, `
// Register is called once by the main packages.
func Register() int {
	s := NewStore()
	for i := 0; i < 4; i++ {
		s.Put(Item{ID: int64(i), Name: fmt.Sprintf("%s-%%d", i), Tags: []string{"hot", "x"}, Score: float64(Transform(i) %% 100)})
	}
	return Summarize(s.Sorted()).Count
}
`, p.name)
	return b.Bytes()
}

func textFile(p pkgInfo) []byte {
	var b bytes.Buffer
	header(&b, p, "text parsing and formatting helpers")
	importBlock(&b, []string{"errors", "strconv", "strings", "unicode"}, nil)
	fmt.Fprintf(&b, `
// ErrSyntax reports a malformed item line.
var ErrSyntax = errors.New("%s: malformed item")

// ParseItem reads "id;name;score;tag,tag".
func ParseItem(line string) (Item, error) {
	parts := strings.Split(strings.TrimSpace(line), ";")
	if len(parts) < 3 {
		return Item{}, ErrSyntax
	}
	id, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return Item{}, err
	}
	score, err := strconv.ParseFloat(parts[2], 64)
	if err != nil {
		return Item{}, err
	}
	it := Item{ID: id, Name: parts[1], Score: score}
	if len(parts) > 3 && parts[3] != "" {
		it.Tags = strings.Split(parts[3], ",")
	}
	return it, nil
}

// FormatItem is the inverse of ParseItem.
func FormatItem(it Item) string {
	var sb strings.Builder
	sb.WriteString(strconv.FormatInt(it.ID, 10))
	sb.WriteByte(';')
	sb.WriteString(it.Name)
	sb.WriteByte(';')
	sb.WriteString(strconv.FormatFloat(it.Score, 'g', -1, 64))
	sb.WriteByte(';')
	sb.WriteString(strings.Join(it.Tags, ","))
	return sb.String()
}

// Slug turns a name into a lower-case identifier.
func Slug(name string) string {
	var sb strings.Builder
	dash := false
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			sb.WriteRune(unicode.ToLower(r))
			dash = false
		case !dash && sb.Len() > 0:
			sb.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(sb.String(), "-")
}
`, p.name)
	return b.Bytes()
}

func httpFile(p pkgInfo) []byte {
	var b bytes.Buffer
	header(&b, p, "an HTTP handler and an HTTP client call")
	importBlock(&b, []string{"context", "encoding/json", "fmt", "io", "net/http", "strconv", "time"}, nil)
	b.WriteString(`
// Handler serves the items of a Store as JSON.
type Handler struct {
	Store *Store
}

// ServeHTTP answers GET ?id=N with the item, or 404.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	it, ok := h.Store.Get(id)
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(it)
}

// Fetch gets one item from a peer service.
func Fetch(ctx context.Context, client *http.Client, url string) (Item, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return Item{}, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return Item{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Item{}, fmt.Errorf("fetch %s: %s", url, resp.Status)
	}
	var it Item
	err = json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&it)
	return it, err
}
`)
	return b.Bytes()
}

func sqlFile(p pkgInfo) []byte {
	var b bytes.Buffer
	header(&b, p, "a repository over database/sql")
	importBlock(&b, []string{"context", "database/sql", "fmt"}, nil)
	fmt.Fprintf(&b, `
// Repo stores items in the %[1]s_items table.
type Repo struct {
	DB *sql.DB
}

// Load reads one item.
func (r *Repo) Load(ctx context.Context, id int64) (Item, error) {
	row := r.DB.QueryRowContext(ctx, "SELECT id, name, score FROM %[1]s_items WHERE id = ?", id)
	var it Item
	if err := row.Scan(&it.ID, &it.Name, &it.Score); err != nil {
		return Item{}, fmt.Errorf("load %%d: %%w", id, err)
	}
	return it, nil
}

// List reads every item with a score of at least min.
func (r *Repo) List(ctx context.Context, min float64) ([]Item, error) {
	rows, err := r.DB.QueryContext(ctx, "SELECT id, name, score FROM %[1]s_items WHERE score >= ?", min)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []Item
	for rows.Next() {
		var it Item
		if err := rows.Scan(&it.ID, &it.Name, &it.Score); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// Save inserts or replaces an item.
func (r *Repo) Save(ctx context.Context, it Item) error {
	_, err := r.DB.ExecContext(ctx, "REPLACE INTO %[1]s_items (id, name, score) VALUES (?, ?, ?)", it.ID, it.Name, it.Score)
	return err
}
`, p.name)
	return b.Bytes()
}

func serverMain(pkgs []pkgInfo) []byte {
	var b bytes.Buffer
	b.WriteString("// Code generated by bench/gen; the service binary: imports every package.\n\npackage main\n\n")
	var local []string
	for _, p := range pkgs {
		local = append(local, p.name)
	}
	importBlock(&b, []string{"fmt", "net/http", "os"}, local)
	b.WriteString("\nfunc main() {\n\ttotal := 0\n\tmux := http.NewServeMux()\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "\ttotal += %s.Register()\n", p.name)
		if p.useHTTP {
			fmt.Fprintf(&b, "\tmux.Handle(\"/%[1]s\", &%[1]s.Handler{Store: %[1]s.NewStore()})\n", p.name)
		}
	}
	b.WriteString(`	fmt.Println("registered", total)
	if addr := os.Getenv("BENCH_LISTEN"); addr != "" {
		if err := http.ListenAndServe(addr, mux); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
`)
	return b.Bytes()
}

func workerMain(pkgs []pkgInfo) []byte {
	var b bytes.Buffer
	b.WriteString("// Code generated by bench/gen; the worker binary: imports the database packages.\n\npackage main\n\n")
	var local []string
	for _, p := range pkgs {
		if p.useSQL {
			local = append(local, p.name)
		}
	}
	importBlock(&b, []string{"context", "database/sql", "fmt", "os"}, local)
	b.WriteString(`
func main() {
	driver, dsn := os.Getenv("BENCH_DRIVER"), os.Getenv("BENCH_DSN")
	if driver == "" {
		fmt.Println("worker: BENCH_DRIVER not set; nothing to do")
		return
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer db.Close()
	ctx := context.Background()
	_ = ctx
	n := 0
`)
	for _, p := range pkgs {
		if p.useSQL {
			fmt.Fprintf(&b, "\tif items, err := (&%[1]s.Repo{DB: db}).List(ctx, 0); err == nil {\n\t\tn += len(items)\n\t}\n", p.name)
		}
	}
	b.WriteString("\tfmt.Println(\"worker: items\", n)\n}\n")
	return b.Bytes()
}
