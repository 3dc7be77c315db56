package web

import "github.com/labstack/echo/v4"

// Placeholders until the handlers are written: this file goes away with them.
func (s *Server) topics(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) topicNew(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) topicCreate(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) topicShow(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) topicEdit(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) topicUpdate(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) topicSupport(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) topicStatus(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) commentAdd(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) commentEdit(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) commentReport(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) commentHide(c echo.Context) error { return echo.ErrNotFound }
