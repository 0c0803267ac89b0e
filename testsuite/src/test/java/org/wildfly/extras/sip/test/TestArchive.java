package org.wildfly.extras.sip.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Packs a test application, from classes compiled with the tests, into a {@code .sar} or {@code .war} file in the
 * layout of a web archive.
 */
final class TestArchive {

    private final String name;
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    private TestArchive(String name) {
        this.name = name;
    }

    /** @param name the file name, e.g. {@code uas.sar}; its suffix decides how WildFly sees it */
    static TestArchive named(String name) {
        return new TestArchive(name);
    }

    /** Adds classes (and their package-info, when they have one) under WEB-INF/classes. */
    TestArchive classes(Class<?>... classes) throws IOException {
        for (Class<?> type : classes) {
            this.classFile(type.getName());
            String packageInfo = type.getPackageName() + ".package-info";
            if (type.getClassLoader().getResource(packageInfo.replace('.', '/') + ".class") != null) {
                this.classFile(packageInfo);
            }
        }
        return this;
    }

    /** Adds the package-info class of a package that has no other class in the archive. */
    TestArchive packageInfo(String packageName) throws IOException {
        this.classFile(packageName + ".package-info");
        return this;
    }

    /** Adds classes at the root of the archive, where a JBoss service archive keeps them. */
    TestArchive rootClasses(Class<?>... classes) throws IOException {
        for (Class<?> type : classes) {
            this.entries.put(type.getName().replace('.', '/') + ".class", read(type.getName()));
        }
        return this;
    }

    /** Adds a text file, e.g. {@code WEB-INF/sip.xml}. */
    TestArchive text(String path, String content) {
        this.entries.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds a jar built from the given classes under {@code WEB-INF/lib}. */
    TestArchive library(String jarName, Class<?>... classes) throws IOException {
        TestArchive jar = new TestArchive(jarName);
        for (Class<?> type : classes) {
            jar.entries.put(type.getName().replace('.', '/') + ".class", read(type.getName()));
        }
        this.entries.put("WEB-INF/lib/" + jarName, jar.bytes());
        return this;
    }

    /** Adds an archive at the root of this one, as an .ear holds its modules. */
    TestArchive module(TestArchive module) throws IOException {
        this.entries.put(module.name, module.bytes());
        return this;
    }

    /** Writes the archive into {@code directory} and returns its path. */
    Path writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(this.name);
        Files.write(file, this.bytes());
        return file;
    }

    private void classFile(String className) throws IOException {
        String path = className.replace('.', '/') + ".class";
        this.entries.put("WEB-INF/classes/" + path, read(className));
    }

    private static byte[] read(String className) throws IOException {
        String path = className.replace('.', '/') + ".class";
        try (InputStream in = TestArchive.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("No compiled class " + path);
            }
            return in.readAllBytes();
        }
    }

    private byte[] bytes() throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(buffer)) {
            for (Map.Entry<String, byte[]> entry : this.entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
        return buffer.toByteArray();
    }

}
