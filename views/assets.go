package views

// assetVersion is set at start-up from a hash of the embedded files, so that browsers may cache
// assets for a year and still get new ones after an upgrade.
var assetVersion = "dev"

// SetAssetVersion sets the cache-busting version used by Asset.
func SetAssetVersion(v string) { assetVersion = v }

// Asset returns the URL of a file in public/.
func Asset(name string) string { return "/static/" + assetVersion + "/" + name }
