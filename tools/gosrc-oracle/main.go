// Command gosrc-oracle prints what go/parser sees in Go source files, in the
// line format of gosrc_dump() (src/gosrc/gosrc.h). tests/t_gosrc_oracle.sh
// runs it and build/san/tools/gosrc_dump over every .go file of GOROOT/src
// and requires identical output for every file go/parser accepts.
//
// Usage: gosrc-oracle [-bodies OUT] FILE...   or   gosrc-oracle [-bodies OUT] < list-of-paths
//
// With -bodies, the body dump (below) of every file is also written to OUT.
//
// # Format
//
// For each file, a header line, then one line per fact, in this order:
//
//	file PATH
//	package PKG_OFF NAME NAME_END
//	build Q                                   (only when a //go:build line exists)
//	import PATH_OFF NAME|- Q                  (one per import spec, source order)
//	imports_end OFF
//	type NAME_OFF NAME KIND alias=0|1 tparams=[TP ...] braces=LB,RB
//	value var|const names=[NAME@OFF ...] type=OFF,END values=[OFF-END ...] end=OFF
//	func FUNC_OFF NAME@NAME_OFF recv=RECV tparams=[TP ...] params=LP,RP[P ...] variadic=0|1 results=LP,RP[P ...] body=LB,RB directives=Q
//
// All type lines come first (source order), then all value lines (one per
// package-level var/const spec: its names, type span or -1,-1, initializer
// spans, offset just past its last token), then all func lines (source
// order); only top-level declarations are listed. Offsets are byte offsets
// into the file; -1 stands for "absent".
//
//   - Q is a quoted text: '"', the bytes with \ " newline tab CR escaped as
//     \\ \" \n \t \r and other bytes below 0x20 and 0x7f as \xHH, then '"'.
//     Bytes >= 0x80 are copied as they are. Q keeps a line a line.
//   - package: offset of the `package` keyword, the name, offset just past it.
//   - build: the expression of the first `//go:build` line comment that
//     appears before the package clause and starts its line (only blanks
//     before it; a leading BOM counts as blank). The text after
//     "//go:build" must be empty or start with a blank; the expression is
//     that text with ASCII blanks (space, tab, \v, \f, \r) trimmed.
//   - import: offset of the path literal, the alias as written (`_`, `.`,
//     `foo`) or `-` when there is none, the path unquoted (strconv.Unquote;
//     the literal itself when that fails).
//   - imports_end: offset just past the last import declaration (its `)`
//     for a grouped one, its path literal otherwise); the package name's
//     end when there is no import.
//   - type: KIND is struct, interface or other (the kind of the type
//     expression, so `type A = struct{}` is struct and `type A (struct{})`
//     is other). braces are the struct/interface `{` and `}`, -1,-1 for other.
//   - TP is NAME:Q, a type parameter and its constraint text. `[K, V any]`
//     gives two TPs with the same constraint.
//   - P is Q@NAME_OFF:Q@TYPE_OFF-TYPE_END: a parameter's name ("" and -1 when
//     unnamed; `a, b int` gives two Ps with the same type) and its type text,
//     the source slice [TYPE_OFF, TYPE_END) of the type expression verbatim
//     (comments and newlines included; a variadic type starts with "...").
//   - RECV is `-` for a plain function, else
//     (P base=Q ptr=0|1 tparams=[Q ...]): the receiver parameter, the
//     receiver base type (the type with parentheses, one `*` and the type
//     argument list removed, as source text: "List" for `*List[T]`), whether
//     it is a pointer receiver and the receiver's type parameter names (the
//     source text of each index expression). A receiver list that does not
//     hold exactly one parameter (`func () M()`, `func (a, b T) M()`) is
//     printed as (P ...) with every parameter, base=Q and ptr/tparams taken
//     from the first one; base="" ptr=0 tparams=[] when there is none.
//   - params: the `(` and `)` offsets, then the parameters.
//   - variadic: the last parameter's type is `...T`.
//   - results: the `(` and `)` offsets (-1,-1 for none or a single
//     unparenthesized type), then the results.
//   - body: offsets of the body's `{` and `}`; -1,-1 without a body.
//   - directives: the `//go:` line comments of the function's doc comment
//     group (go/parser's FuncDecl.Doc: the comment group ending on the line
//     just above `func`), joined by newlines, carriage returns removed.
//
// A file go/parser rejects (ParseFile with SkipObjectResolution|ParseComments
// returns an error) gets the single line `rejected Q` (the first error) after
// its header; for such files the test only requires that gosrc does not
// crash. A file that cannot be read gets `unreadable Q`. gosrc_dump prints
// `error OFFSET MESSAGE` where gosrc reports a syntax error, which counts as
// a difference unless go/parser rejected the file too.
//
// # Body dump
//
// For each file, the header line `file PATH` (or `rejected Q`, `unreadable
// Q` as above), then for every top-level function with a body, in source
// order:
//
//	body FUNC_OFF NAME
//	call FUN_OFF LPAREN RPAREN spread=0|1 callee=Q    (one per *ast.CallExpr)
//	lit TYPE_OFF LBRACE RBRACE amp=0|1 type=Q         (one per *ast.CompositeLit)
//
// covering every node ast.Inspect reaches from the body (function literals
// and types written in it included). Then, for every initializer of a
// package-level var or const spec, in source order, `init VALUE_OFF` and
// the call and lit lines of that expression (gosrc_scan_expr). Calls are
// ordered by LPAREN, literals by LBRACE.
//
//   - call: the offset where Fun starts, the `(` and `)`; spread=1 when the
//     call has `...`; callee is the function name for Fun = Name, "X.Name"
//     for Fun = X.Name with X an identifier (one index or type-argument list
//     around either is dropped: `pkg.F[T](x)` gives "pkg.F"), "" otherwise.
//   - lit: the offset where Type starts (the `{` when the type is elided),
//     the `{` and `}`; amp=1 when the literal is the operand of a unary `&`;
//     the type's source text, verbatim ("" when elided).
//
// gosrc_dump --bodies writes the same format (gosrc_dump_body); a body gosrc
// cannot scan gives `error OFFSET MESSAGE` after its body line.
//
// Example (for `package p; import x "fmt"; func (s *S[T]) M(a, b int) error`
// laid out on separate lines):
//
//	file example.go
//	package 0 p 9
//	import 19 x "fmt"
//	imports_end 24
//	func 25 M@40 recv=("s"@31:"*S[T]"@33-38 base="S" ptr=1 tparams=["T"]) tparams=[] params=41,50["a"@42:"int"@47-50 "b"@45:"int"@47-50] variadic=0 results=-1,-1[""@-1:"error"@52-57] body=-1,-1 directives=""
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"sort"
	"strconv"
	"strings"
)

func main() {
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	args := os.Args[1:]
	var bodies *bufio.Writer
	if len(args) >= 2 && args[0] == "-bodies" {
		bf, err := os.Create(args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer bf.Close()
		bodies = bufio.NewWriterSize(bf, 1<<16)
		defer bodies.Flush()
		args = args[2:]
	}
	if len(args) > 0 {
		for _, path := range args {
			dumpFile(out, bodies, path)
		}
		return
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<16), 1<<20)
	for in.Scan() {
		if path := strings.TrimRight(in.Text(), "\r"); path != "" {
			dumpFile(out, bodies, path)
		}
	}
}

func dumpFile(out, bodies *bufio.Writer, path string) {
	fmt.Fprintf(out, "file %s\n", path)
	if bodies != nil {
		fmt.Fprintf(bodies, "file %s\n", path)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(out, "unreadable %s\n", quote(err.Error()))
		if bodies != nil {
			fmt.Fprintf(bodies, "unreadable %s\n", quote(err.Error()))
		}
		return
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution|parser.ParseComments)
	if err != nil {
		msg := strings.SplitN(err.Error(), "\n", 2)[0]
		fmt.Fprintf(out, "rejected %s\n", quote(msg))
		if bodies != nil {
			fmt.Fprintf(bodies, "rejected %s\n", quote(msg))
		}
		return
	}
	d := &dumper{out: out, src: src, file: fset.File(f.Package)}
	d.dump(f)
	if bodies != nil {
		bd := &dumper{out: bodies, src: src, file: d.file}
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Body != nil {
				bd.body(fn)
			}
		}
		bd.inits(f)
	}
}

// body prints the body dump of fn: its call expressions and composite
// literals.
func (d *dumper) body(fn *ast.FuncDecl) {
	fmt.Fprintf(d.out, "body %d %s\n", d.off(fn.Type.Func), fn.Name.Name)
	d.callsAndLits(fn.Body)
}

// inits prints the initializer dump of f: for every initializer of a
// package-level var or const spec, in source order, an `init OFFSET` line
// and its call expressions and composite literals.
func (d *dumper) inits(f *ast.File) {
	for _, decl := range f.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || (g.Tok != token.VAR && g.Tok != token.CONST) {
			continue
		}
		for _, s := range g.Specs {
			for _, v := range s.(*ast.ValueSpec).Values {
				fmt.Fprintf(d.out, "init %d\n", d.off(v.Pos()))
				d.callsAndLits(v)
			}
		}
	}
}

// callsAndLits prints the call and lit lines of the calls and composite
// literals inside root.
func (d *dumper) callsAndLits(root ast.Node) {
	var calls []*ast.CallExpr
	var lits []*ast.CompositeLit
	amp := map[*ast.CompositeLit]bool{}
	ast.Inspect(root, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			calls = append(calls, x)
		case *ast.CompositeLit:
			lits = append(lits, x)
		case *ast.UnaryExpr:
			if cl, ok := x.X.(*ast.CompositeLit); ok && x.Op == token.AND {
				amp[cl] = true
			}
		}
		return true
	})
	sort.Slice(calls, func(i, j int) bool { return calls[i].Lparen < calls[j].Lparen })
	sort.Slice(lits, func(i, j int) bool { return lits[i].Lbrace < lits[j].Lbrace })
	for _, c := range calls {
		spread := 0
		if c.Ellipsis.IsValid() {
			spread = 1
		}
		fmt.Fprintf(d.out, "call %d %d %d spread=%d callee=%s\n", d.off(c.Fun.Pos()), d.off(c.Lparen),
			d.off(c.Rparen), spread, quote(callee(c.Fun)))
	}
	for _, l := range lits {
		start, typ := d.off(l.Lbrace), ""
		if l.Type != nil {
			start, typ = d.off(l.Type.Pos()), d.text(l.Type)
		}
		a := 0
		if amp[l] {
			a = 1
		}
		fmt.Fprintf(d.out, "lit %d %d %d amp=%d type=%s\n", start, d.off(l.Lbrace), d.off(l.Rbrace), a, quote(typ))
	}
}

// callee is the name a call's Fun spells: "Name" or "X.Name" (X an
// identifier), one index or type-argument list dropped; "" otherwise.
func callee(fun ast.Expr) string {
	switch x := fun.(type) {
	case *ast.IndexExpr:
		fun = x.X
	case *ast.IndexListExpr:
		fun = x.X
	}
	switch x := fun.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			return id.Name + "." + x.Sel.Name
		}
	}
	return ""
}

type dumper struct {
	out  *bufio.Writer
	src  []byte
	file *token.File
}

// off is the byte offset of pos (unaffected by //line directives).
func (d *dumper) off(pos token.Pos) int { return d.file.Offset(pos) }

// text is the source slice of node n, verbatim.
func (d *dumper) text(n ast.Node) string { return string(d.src[d.off(n.Pos()):d.off(n.End())]) }

func (d *dumper) dump(f *ast.File) {
	w := d.out
	fmt.Fprintf(w, "package %d %s %d\n", d.off(f.Package), f.Name.Name, d.off(f.Name.End()))
	if expr, ok := d.buildConstraint(f); ok {
		fmt.Fprintf(w, "build %s\n", quote(expr))
	}
	for _, imp := range f.Imports {
		name := "-"
		if imp.Name != nil {
			name = imp.Name.Name
		}
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			path = imp.Path.Value
		}
		fmt.Fprintf(w, "import %d %s %s\n", d.off(imp.Path.Pos()), name, quote(path))
	}
	importsEnd := d.off(f.Name.End())
	for _, decl := range f.Decls {
		if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			importsEnd = d.off(g.End())
		}
	}
	fmt.Fprintf(w, "imports_end %d\n", importsEnd)
	for _, decl := range f.Decls {
		if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, spec := range g.Specs {
				d.typeSpec(spec.(*ast.TypeSpec))
			}
		}
	}
	for _, decl := range f.Decls {
		if g, ok := decl.(*ast.GenDecl); ok && (g.Tok == token.VAR || g.Tok == token.CONST) {
			for _, spec := range g.Specs {
				d.valueSpec(g.Tok == token.CONST, spec.(*ast.ValueSpec))
			}
		}
	}
	for _, decl := range f.Decls {
		if fn, ok := decl.(*ast.FuncDecl); ok {
			d.funcDecl(fn)
		}
	}
}

// buildConstraint finds the first //go:build line comment before the
// package clause that starts its line.
func (d *dumper) buildConstraint(f *ast.File) (string, bool) {
	pkg := d.off(f.Package)
	for _, g := range f.Comments {
		for _, c := range g.List {
			start := d.off(c.Slash)
			if start >= pkg {
				return "", false
			}
			if !strings.HasPrefix(c.Text, "//go:build") || !d.startsLine(start) {
				continue
			}
			rest := strings.TrimRight(c.Text, "\r")[len("//go:build"):]
			if rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\v' && rest[0] != '\f' && rest[0] != '\r' {
				continue
			}
			return strings.Trim(rest, " \t\v\f\r"), true
		}
	}
	return "", false
}

// startsLine: only blanks (and a BOM at the file start) precede off on its line.
func (d *dumper) startsLine(off int) bool {
	i := off
	for i > 0 && d.src[i-1] != '\n' {
		i--
	}
	if i == 0 && strings.HasPrefix(string(d.src), "\ufeff") {
		i = 3
	}
	for ; i < off; i++ {
		if d.src[i] != ' ' && d.src[i] != '\t' {
			return false
		}
	}
	return true
}

func (d *dumper) typeSpec(s *ast.TypeSpec) {
	kind, lb, rb := "other", -1, -1
	switch t := s.Type.(type) {
	case *ast.StructType:
		kind, lb, rb = "struct", d.off(t.Fields.Opening), d.off(t.Fields.Closing)
	case *ast.InterfaceType:
		kind, lb, rb = "interface", d.off(t.Methods.Opening), d.off(t.Methods.Closing)
	}
	alias := 0
	if s.Assign.IsValid() {
		alias = 1
	}
	fmt.Fprintf(d.out, "type %d %s %s alias=%d tparams=%s braces=%d,%d\n",
		d.off(s.Name.Pos()), s.Name.Name, kind, alias, d.tparams(s.TypeParams), lb, rb)
}

func (d *dumper) valueSpec(isConst bool, s *ast.ValueSpec) {
	kind := "var"
	if isConst {
		kind = "const"
	}
	var b strings.Builder
	for i, n := range s.Names {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s@%d", n.Name, d.off(n.Pos()))
	}
	to, te := -1, -1
	if s.Type != nil {
		to, te = d.off(s.Type.Pos()), d.off(s.Type.End())
	}
	var vs strings.Builder
	for i, v := range s.Values {
		if i > 0 {
			vs.WriteByte(' ')
		}
		fmt.Fprintf(&vs, "%d-%d", d.off(v.Pos()), d.off(v.End()))
	}
	fmt.Fprintf(d.out, "value %s names=[%s] type=%d,%d values=[%s] end=%d\n", kind, b.String(), to, te, vs.String(), d.off(s.End()))
}

func (d *dumper) tparams(fl *ast.FieldList) string {
	var b strings.Builder
	b.WriteByte('[')
	if fl != nil {
		n := 0
		for _, f := range fl.List {
			for _, name := range f.Names {
				if n > 0 {
					b.WriteByte(' ')
				}
				n++
				b.WriteString(name.Name + ":" + quote(d.text(f.Type)))
			}
		}
	}
	b.WriteByte(']')
	return b.String()
}

// param is one flattened parameter: a name (nil when unnamed) and its type.
type param struct {
	name *ast.Ident
	typ  ast.Expr
}

func flatten(fl *ast.FieldList) []param {
	var ps []param
	if fl == nil {
		return nil
	}
	for _, f := range fl.List {
		if len(f.Names) == 0 {
			ps = append(ps, param{nil, f.Type})
		}
		for _, name := range f.Names {
			ps = append(ps, param{name, f.Type})
		}
	}
	return ps
}

func (d *dumper) param(p param) string {
	name, nameOff := "", -1
	if p.name != nil {
		name, nameOff = p.name.Name, d.off(p.name.Pos())
	}
	return fmt.Sprintf("%s@%d:%s@%d-%d", quote(name), nameOff,
		quote(d.text(p.typ)), d.off(p.typ.Pos()), d.off(p.typ.End()))
}

func (d *dumper) paramList(ps []param) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = d.param(p)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// recv prints the receiver: its parameters, base type, pointer-ness and
// type parameter names.
func (d *dumper) recv(fl *ast.FieldList) string {
	if fl == nil {
		return "-"
	}
	ps := flatten(fl)
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = d.param(p)
	}
	base, ptr, tps := "", 0, []string{}
	if len(ps) > 0 {
		t := ast.Unparen(ps[0].typ)
		if star, ok := t.(*ast.StarExpr); ok {
			ptr = 1
			t = ast.Unparen(star.X)
		}
		switch x := t.(type) {
		case *ast.IndexExpr:
			tps = append(tps, quote(d.text(x.Index)))
			t = x.X
		case *ast.IndexListExpr:
			for _, ix := range x.Indices {
				tps = append(tps, quote(d.text(ix)))
			}
			t = x.X
		}
		base = d.text(t)
	}
	var b strings.Builder
	b.WriteByte('(')
	for _, part := range parts {
		b.WriteString(part + " ")
	}
	fmt.Fprintf(&b, "base=%s ptr=%d tparams=[%s])", quote(base), ptr, strings.Join(tps, " "))
	return b.String()
}

func (d *dumper) funcDecl(fn *ast.FuncDecl) {
	ft := fn.Type
	params := flatten(ft.Params)
	variadic := 0
	if n := len(params); n > 0 {
		if _, ok := params[n-1].typ.(*ast.Ellipsis); ok {
			variadic = 1
		}
	}
	rlp, rrp := -1, -1
	if ft.Results != nil && ft.Results.Opening.IsValid() {
		rlp, rrp = d.off(ft.Results.Opening), d.off(ft.Results.Closing)
	}
	lb, rb := -1, -1
	if fn.Body != nil {
		lb, rb = d.off(fn.Body.Lbrace), d.off(fn.Body.Rbrace)
	}
	var dirs []string
	if fn.Doc != nil {
		for _, c := range fn.Doc.List {
			if strings.HasPrefix(c.Text, "//go:") {
				dirs = append(dirs, strings.ReplaceAll(c.Text, "\r", ""))
			}
		}
	}
	fmt.Fprintf(d.out, "func %d %s@%d recv=%s tparams=%s params=%d,%d%s variadic=%d results=%d,%d%s body=%d,%d directives=%s\n",
		d.off(ft.Func), fn.Name.Name, d.off(fn.Name.Pos()), d.recv(fn.Recv), d.tparams(ft.TypeParams),
		d.off(ft.Params.Opening), d.off(ft.Params.Closing), d.paramList(params), variadic,
		rlp, rrp, d.paramList(flatten(ft.Results)), lb, rb, quote(strings.Join(dirs, "\n")))
}

// quote writes s between double quotes with \ " and control bytes escaped;
// bytes >= 0x80 are kept as they are (gosrc_dump does the same).
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c == '"':
			b.WriteString(`\"`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\r':
			b.WriteString(`\r`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
