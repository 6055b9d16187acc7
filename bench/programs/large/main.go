// A large program for the upstream-style benchmark: it pulls many popular
// third-party libraries (about 180 non-standard packages), none of which
// imports net/http or database/sql, so no library rule matches.
package main

import (
	"fmt"

	_ "github.com/BurntSushi/toml"
	_ "github.com/Masterminds/semver/v3"
	_ "github.com/antlr4-go/antlr/v4"
	_ "github.com/cespare/xxhash/v2"
	_ "github.com/dop251/goja"
	_ "github.com/dustin/go-humanize"
	_ "github.com/expr-lang/expr"
	_ "github.com/fatih/color"
	_ "github.com/go-viper/mapstructure/v2"
	_ "github.com/gobwas/glob"
	_ "github.com/golang-jwt/jwt/v5"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/google/uuid"
	_ "github.com/klauspost/compress/s2"
	_ "github.com/klauspost/compress/zstd"
	_ "github.com/pelletier/go-toml/v2"
	_ "github.com/pierrec/lz4/v4"
	_ "github.com/shopspring/decimal"
	_ "github.com/sirupsen/logrus"
	_ "github.com/spf13/cobra"
	_ "github.com/tidwall/gjson"
	_ "github.com/ulikunitz/xz"
	_ "github.com/vmihailenco/msgpack/v5"
	_ "github.com/yuin/goldmark"
	_ "golang.org/x/crypto/argon2"
	_ "golang.org/x/crypto/bcrypt"
	_ "golang.org/x/crypto/chacha20poly1305"
	_ "golang.org/x/crypto/ssh"
	_ "golang.org/x/text/cases"
	_ "golang.org/x/text/collate"
	_ "golang.org/x/text/encoding/charmap"
	_ "golang.org/x/text/encoding/japanese"
	_ "gonum.org/v1/gonum/mat"
	_ "google.golang.org/protobuf/encoding/protojson"
	_ "google.golang.org/protobuf/types/known/structpb"
	_ "gopkg.in/yaml.v3"
)

func main() { fmt.Println("large") }
