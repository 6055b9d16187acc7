package server

import (
	"errors"
	"strings"
)

type Server struct {
	name string
	hits int
}

// Handle is a method on a pointer receiver.
func (s *Server) Handle(req string) error {
	s.hits++
	if strings.TrimSpace(req) == "" {
		return errors.New("empty request")
	}
	return nil
}
