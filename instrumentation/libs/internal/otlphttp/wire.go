package otlphttp

import (
	"encoding/binary"
	"errors"
	"math"
)

// Protobuf wire types (https://protobuf.dev/programming-guides/encoding/).
const (
	wireVarint  = 0
	wireFixed64 = 1
	wireBytes   = 2
	wireFixed32 = 5
)

// writer appends protobuf fields to a byte slice. Proto3 scalars equal to
// their zero value are left out (as every protobuf encoder does), except
// through the *Always methods, which oneof members need: a oneof's field
// is present even when its value is zero.
type writer struct {
	b []byte
}

func (w *writer) tag(field, wt int) {
	w.b = binary.AppendUvarint(w.b, uint64(field)<<3|uint64(wt))
}

func (w *writer) uvarint(field int, v uint64) {
	if v != 0 {
		w.uvarintAlways(field, v)
	}
}

func (w *writer) uvarintAlways(field int, v uint64) {
	w.tag(field, wireVarint)
	w.b = binary.AppendUvarint(w.b, v)
}

func (w *writer) fixed64(field int, v uint64) {
	if v != 0 {
		w.fixed64Always(field, v)
	}
}

func (w *writer) fixed64Always(field int, v uint64) {
	w.tag(field, wireFixed64)
	w.b = binary.LittleEndian.AppendUint64(w.b, v)
}

func (w *writer) fixed32(field int, v uint32) {
	if v != 0 {
		w.tag(field, wireFixed32)
		w.b = binary.LittleEndian.AppendUint32(w.b, v)
	}
}

func (w *writer) double(field int, v float64) {
	w.fixed64Always(field, math.Float64bits(v))
}

func (w *writer) str(field int, s string) {
	if s != "" {
		w.strAlways(field, s)
	}
}

func (w *writer) strAlways(field int, s string) {
	w.tag(field, wireBytes)
	w.b = binary.AppendUvarint(w.b, uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *writer) bytes(field int, p []byte) {
	if len(p) != 0 {
		w.tag(field, wireBytes)
		w.b = binary.AppendUvarint(w.b, uint64(len(p)))
		w.b = append(w.b, p...)
	}
}

// begin starts an embedded message in field; end(begin(...)) closes it.
// The length is only known at the end, so end writes it after the content
// and rotates it into place: no scratch buffer per nesting level.
func (w *writer) begin(field int) int {
	w.tag(field, wireBytes)
	return len(w.b)
}

func (w *writer) end(start int) {
	n := len(w.b) - start
	var lenBuf [binary.MaxVarintLen64]byte
	l := binary.PutUvarint(lenBuf[:], uint64(n))
	w.b = append(w.b, lenBuf[:l]...)
	copy(w.b[start+l:], w.b[start:start+n])
	copy(w.b[start:], lenBuf[:l])
}

// reader walks the fields of one protobuf message. It is only as complete
// as reading a collector's response needs (and the tests use it to look
// into what the writer produced).
type reader struct {
	b []byte
}

var errMalformed = errors.New("malformed protobuf")

// next returns the next field: its number, wire type, and its value (the
// integer for varint/fixed types, the payload for length-delimited ones).
// ok is false at the end of the message; err is set on malformed input.
func (r *reader) next() (field, wt int, num uint64, payload []byte, ok bool, err error) {
	if len(r.b) == 0 {
		return 0, 0, 0, nil, false, nil
	}
	key, n := binary.Uvarint(r.b)
	if n <= 0 {
		return 0, 0, 0, nil, false, errMalformed
	}
	r.b = r.b[n:]
	field, wt = int(key>>3), int(key&7)
	switch wt {
	case wireVarint:
		num, n = binary.Uvarint(r.b)
		if n <= 0 {
			return 0, 0, 0, nil, false, errMalformed
		}
		r.b = r.b[n:]
	case wireFixed64:
		if len(r.b) < 8 {
			return 0, 0, 0, nil, false, errMalformed
		}
		num, r.b = binary.LittleEndian.Uint64(r.b), r.b[8:]
	case wireFixed32:
		if len(r.b) < 4 {
			return 0, 0, 0, nil, false, errMalformed
		}
		num, r.b = uint64(binary.LittleEndian.Uint32(r.b)), r.b[4:]
	case wireBytes:
		l, n := binary.Uvarint(r.b)
		if n <= 0 || l > uint64(len(r.b)-n) {
			return 0, 0, 0, nil, false, errMalformed
		}
		payload, r.b = r.b[n:n+int(l)], r.b[n+int(l):]
	default:
		return 0, 0, 0, nil, false, errMalformed
	}
	return field, wt, num, payload, true, nil
}
