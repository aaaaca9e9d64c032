package io.emrys.objectstore;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The blob store one authenticated request sees: before the first call of any kind reaches the real store, the
 * request's permissions are checked ({@link RequestGuard#authorizeRequest}); a denied request therefore reads, writes
 * and deletes nothing. For DeleteObjects each key is checked as it is removed.
 *
 * <p>A dynamic proxy rather than a forwarding class: S3Proxy's {@code BlobStore} has some sixty methods, many of them
 * defaults, and a forwarding class that missed one (or one added by an upgrade) would let that call through unchecked;
 * here every call, present or future, passes the guard.
 */
final class AuthorizingBlobStore
        implements InvocationHandler
{
    private final BlobStore delegate;
    private final RequestGuard guard;

    private AuthorizingBlobStore(BlobStore delegate, RequestGuard guard)
    {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.guard = requireNonNull(guard, "guard is null");
    }

    static BlobStore bind(BlobStore delegate, RequestGuard guard)
    {
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class}, new AuthorizingBlobStore(delegate, guard));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args)
            throws Throwable
    {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "AuthorizingBlobStore[" + delegate + "]";
            };
        }
        if (method.getName().equals("close")) {
            // the store's owner closes the real store, never a request
            return null;
        }
        guard.authorizeRequest();
        if (guard.multiObjectDelete() && method.getName().startsWith("removeBlob")) {
            checkDeletes(args);
        }
        try {
            return method.invoke(delegate, args);
        }
        catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void checkDeletes(Object[] args)
    {
        if (args.length == 1 && args[0] instanceof DeleteObjectsRequest request) {
            // every key before any is removed, so a denied DeleteObjects removes nothing
            for (ObjectIdentifier object : request.delete().objects()) {
                guard.check(S3Actions.delete(request.bucket(), object.key(), Optional.ofNullable(object.versionId())));
            }
        }
        else if (args.length == 1 && args[0] instanceof DeleteObjectRequest request) {
            guard.check(S3Actions.delete(request.bucket(), request.key(), Optional.ofNullable(request.versionId())));
        }
        else if (args.length >= 2 && args[0] instanceof String bucket && args[1] instanceof String key) {
            guard.check(S3Actions.delete(bucket, key, args.length > 2 ? Optional.ofNullable((String) args[2]) : Optional.empty()));
        }
    }
}
