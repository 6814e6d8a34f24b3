package remote

// API extensions IAB uses, in one place.
const (
	// ExtContainerIncrementalCopy: refresh copies of instances (copy --refresh).
	ExtContainerIncrementalCopy = "container_incremental_copy"
	// ExtCustomVolumeRefresh: refresh copies of custom storage volumes.
	ExtCustomVolumeRefresh = "custom_volume_refresh"
	// ExtCustomVolumeRefreshExcludeOlder: RefreshExcludeOlder on copies, so a
	// refresh sends only snapshots newer than the newest common one.
	ExtCustomVolumeRefreshExcludeOlder = "custom_volume_refresh_exclude_older_snapshots"
	// ExtSnapshotExpiryCreation: an expiry date given when creating an
	// instance snapshot.
	ExtSnapshotExpiryCreation = "snapshot_expiry_creation"
	// ExtCustomVolumeSnapshotExpiry: expiry dates on custom volume snapshots.
	ExtCustomVolumeSnapshotExpiry = "custom_volume_snapshot_expiry"
	// ExtCertificateProject: project-restricted client certificates (a
	// restricted trust token); IAB then works only inside those projects.
	ExtCertificateProject = "certificate_project"
)

// RequiredExtensions are hard requirements: IAB refuses to onboard or run
// against a server (source or target) that lacks any of them.
var RequiredExtensions = []string{
	ExtContainerIncrementalCopy,
	ExtCustomVolumeRefresh,
	ExtSnapshotExpiryCreation,
	ExtCustomVolumeSnapshotExpiry,
	ExtCertificateProject,
}

// OptionalExtensions are used when present and reported when missing, never
// required. custom_volume_refresh_exclude_older_snapshots: IAB sets
// RefreshExcludeOlder on a copy only when both servers have it; without it a
// refresh resends source snapshots the target lacks.
var OptionalExtensions = []string{
	ExtCustomVolumeRefreshExcludeOlder,
}
