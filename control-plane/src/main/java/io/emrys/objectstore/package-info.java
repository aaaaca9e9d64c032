/**
 * The object store: the embedded S3-compatible endpoint and how everything else reaches whichever S3 endpoint is
 * in use. Start at {@link io.emrys.objectstore.ObjectStoreSettings} (one description of the endpoint, from which
 * the control plane's {@link io.emrys.objectstore.S3Clients S3 client} and Spark's S3A settings are derived),
 * then {@link io.emrys.objectstore.EmbeddedObjectStore} (the single-machine default, S3Proxy on a folder).
 * {@link io.emrys.objectstore.S3Location} parses {@code s3://} and {@code s3a://} URIs;
 * {@link io.emrys.objectstore.ObjectUploader} puts local files (job logs) into a bucket.
 * <p>Access to the embedded store: {@link io.emrys.objectstore.ObjectStoreAccess} says which keys it accepts and what
 * each may do (in a server: every Emrys key, IAM's decisions, the audit trail). Per request,
 * {@code RequestScopes} reads the HTTP request in front of S3Proxy, {@code IdentityLocator} gives S3Proxy the caller's
 * secret and checks session tokens and, with S3Proxy's own list ({@code SupportedHeaders}), refuses unimplemented
 * {@code x-amz-} headers, {@code S3Actions} names the S3 actions the request needs and
 * {@code AuthorizingBlobStore} checks them ({@code RequestGuard}) before the blob store is touched; denials are audited.
 * <p>Layering: an edge adapter: may use {@code api.auth}'s credential values, the {@code iam} policy engine's values,
 * {@code audit}'s events, {@code error} and lower layers; wired only by {@code server} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.objectstore;
