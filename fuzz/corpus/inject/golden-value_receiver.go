package geo

import "math"

type Point struct{ X, Y float64 }

// Dist is a method on a value receiver.
func (p Point) Dist(q Point) float64 {
	return math.Hypot(p.X-q.X, p.Y-q.Y)
}
