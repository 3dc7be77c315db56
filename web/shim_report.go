package web

import "github.com/labstack/echo/v4"

// Placeholders until the handlers are written: this file goes away with them.
func (s *Server) report(c echo.Context) error { return echo.ErrNotFound }
