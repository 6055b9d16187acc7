/* a */ //go:build not_at_line_start
//go:build first
//go:build second

package buildfirst
