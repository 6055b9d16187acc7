package structs

type S struct {
	A, B int `json:"a,omitempty"`
	C    struct {
		D string "tag }"
	}
	*Embedded
	pkgEmbedded
	F func() struct{}
}

type I interface {
	M(a int) (b int)
	~int | ~string
	Embedded
}

type Empty struct{}
type EmptyI interface{}
type Paren (struct{ a int })
type Ptr *struct{}
type Fn func(struct{}) interface{}
type Ch chan struct{}
type Mp map[struct{}]interface{}

type Embedded struct{}
type pkgEmbedded = Embedded
