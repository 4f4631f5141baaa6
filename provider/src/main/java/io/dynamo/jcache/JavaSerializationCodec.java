package io.dynamo.jcache;

import io.dynamo.spi.ValueCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import javax.cache.CacheException;

/**
 * The default codec: Java serialization, as JSR-107's store-by-value expects (keys and values
 * are {@code Serializable}). Classes are resolved with the cache manager's class loader, so an
 * application's own types decode in the application's loader.
 */
public final class JavaSerializationCodec<T> implements ValueCodec<T> {
    private final ClassLoader loader;

    public JavaSerializationCodec(ClassLoader loader) {
        if (loader == null) {
            throw new IllegalArgumentException("class loader must be given");
        }
        this.loader = loader;
    }

    @Override
    public byte[] encode(T value) {
        byte[] compact = CompactForms.encode(value);
        if (compact != null) {
            return compact;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot store " + value.getClass().getName()
                    + " by value: it is not Serializable (configure a ValueCodec in DynamoConfiguration)", e);
        } catch (IOException e) {
            throw new CacheException("cannot serialize " + value.getClass().getName() + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T decode(byte[] bytes) {
        if (CompactForms.isCompact(bytes)) {
            return (T) CompactForms.decode(bytes);
        }
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new CacheException("cannot deserialize a stored value: " + e, e);
        }
    }

    /** Resolves classes in the given loader first, then in this class's own. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
