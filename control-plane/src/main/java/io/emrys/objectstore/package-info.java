/**
 * The object store: the embedded S3-compatible endpoint and how everything else reaches whichever S3 endpoint is
 * in use. Start at {@link io.emrys.objectstore.ObjectStoreSettings} (one description of the endpoint, from which
 * the control plane's {@link io.emrys.objectstore.S3Clients S3 client} and Spark's S3A settings are derived),
 * then {@link io.emrys.objectstore.EmbeddedObjectStore} (the single-machine default, S3Proxy on a folder).
 * {@link io.emrys.objectstore.S3Location} parses {@code s3://} and {@code s3a://} URIs;
 * {@link io.emrys.objectstore.ObjectUploader} puts local files (job logs) into a bucket.
 * <p>Layering: an edge adapter: may use {@code api.auth}'s credential values, {@code error} and lower layers; wired only by {@code server} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.objectstore;
