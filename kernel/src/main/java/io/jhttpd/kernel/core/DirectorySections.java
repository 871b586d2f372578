package io.jhttpd.kernel.core;

import java.util.List;

/**
 * What Apache's directory walk finds for one directory from the configuration alone: the
 * {@code <Directory>} and {@code <DirectoryMatch>} sections that apply, in merge order, and the
 * {@code <Files>} sections to try against a file's name there. A server keeps it per directory
 * (see {@link VirtualServer#directorySections}) when nothing on the way depends on the file
 * system: no access files read and no symbolic link checked.
 */
public final class DirectorySections {

    private final List<Section> sections;
    private final List<Section> files;
    /** The server's per-directory config merged with {@link #sections}: made on first use. */
    private volatile ConfigVector merged;

    public DirectorySections(List<Section> sections, List<Section> files) {
        this.sections = List.copyOf(sections);
        this.files = List.copyOf(files);
    }

    /** The {@code <Directory>} and {@code <DirectoryMatch>} sections, in merge order. */
    public List<Section> sections() {
        return sections;
    }

    /** The {@code <Files>} and {@code <FilesMatch>} sections to match against the base name. */
    public List<Section> files() {
        return files;
    }

    /** The config of a request here that no {@code <Files>} or {@code <Location>} section matches. */
    public ConfigVector merged(VirtualServer server) {
        ConfigVector m = merged;
        if (m == null) {
            m = server.mergedFor(sections);
            merged = m;
        }
        return m;
    }
}
