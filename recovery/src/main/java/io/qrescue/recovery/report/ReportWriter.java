package io.qrescue.recovery.report;

import io.qrescue.mapfile.MapfileFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes the report's HTML page and JSON, each atomically (temp file, fsync, rename): never half a report. */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** Writes {@code report} to {@code htmlFile} and {@code jsonFile}, replacing earlier versions. */
    public static void write(RescueReport report, Path htmlFile, Path jsonFile) throws IOException {
        MapfileFiles files = new MapfileFiles();
        files.replace(jsonFile, ReportJson.render(report).getBytes(StandardCharsets.UTF_8), false);
        files.replace(htmlFile, ReportHtml.render(report).getBytes(StandardCharsets.UTF_8), false);
    }
}
