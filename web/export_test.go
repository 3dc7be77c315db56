package web

import (
	"github.com/labstack/echo/v4"
	"github.com/pocketbase/pocketbase/core"
)

// Routes is the route table of routes.go, for the tests that walk it.
func Routes(app core.App) []*echo.Route { return New(app).echo.Routes() }
