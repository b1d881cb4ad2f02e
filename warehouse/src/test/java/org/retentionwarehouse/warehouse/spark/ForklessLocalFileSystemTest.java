package org.retentionwarehouse.warehouse.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file system without chmod processes leaves the same permissions as Hadoop's own. */
class ForklessLocalFileSystemTest {

    @TempDir
    java.nio.file.Path temp;

    @Test
    void foldersFilesAndChecksumsGetTheSamePermissionsAsWithHadoopsLocalFileSystem() throws IOException {
        Map<String, String> forkless = writeAndList(ForklessLocalFileSystem.class, temp.resolve("forkless"));
        Map<String, String> stock = writeAndList(LocalFileSystem.class, temp.resolve("stock"));

        assertThat(forkless).isEqualTo(stock).containsEntry("a/b", "rwxr-x---").containsEntry("a/b/data.parquet", "rw-r-----")
                .containsEntry("a/b/changed.json", "rw----r--").containsKey("a/b/.data.parquet.crc");
    }

    /** Creates folders and files under {@code root} with the file system {@code type}; returns each path's permissions. */
    private static Map<String, String> writeAndList(Class<? extends FileSystem> type, java.nio.file.Path root) throws IOException {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", type.getName());
        conf.set("fs.permissions.umask-mode", "027");
        try (FileSystem fs = FileSystem.newInstance(URI.create("file:///"), conf)) {
            assertThat(fs.getClass()).isEqualTo(type);
            Path folder = new Path(root.resolve("a/b").toUri());
            assertThat(fs.mkdirs(folder, new FsPermission((short) 0775))).isTrue();
            for (String name : new String[] {"data.parquet", "changed.json"}) {
                try (FSDataOutputStream out = fs.create(new Path(folder, name), new FsPermission((short) 0666), false,
                        4096, (short) 1, 1 << 20, null)) {
                    out.writeUTF("rows");
                }
            }
            fs.setPermission(new Path(folder, "changed.json"), new FsPermission((short) 0604));
        }
        Map<String, String> permissions = new TreeMap<>();
        try (Stream<java.nio.file.Path> paths = Files.walk(root)) {
            for (java.nio.file.Path path : paths.filter(p -> !p.equals(root)).toList()) {
                permissions.put(root.relativize(path).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            }
        }
        return permissions;
    }
}
