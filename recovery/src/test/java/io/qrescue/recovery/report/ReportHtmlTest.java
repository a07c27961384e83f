package io.qrescue.recovery.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.mapfile.picture.Palette;
import io.qrescue.recovery.cli.image.MiniJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHtmlTest {

    @TempDir
    Path dir;

    @Test
    void fileNamesAreEscapedAndNoMarkupOrScriptGetsThrough() {
        String html = ReportHtml.render(SampleReports.sample(3, true));
        assertThat(html).doesNotContain("<script").doesNotContain("alert('x')")
                .contains("/photos/&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;\\nnewline.jpg")
                .contains("/home/ünïcødé ☃/thesis.odt");
    }

    @Test
    void thePageLoadsNothingFromOutside() {
        String html = ReportHtml.render(SampleReports.sample(3, true));
        assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(?!data:)").doesNotContain("http://")
                .doesNotContain("https://").contains("default-src 'none'");
    }

    @Test
    void damagedAndLostFilesComeBeforeIntactOnesAndIntactOnesAreCapped() {
        int intact = ReportHtml.MAX_INTACT_ROWS + 5;
        String html = ReportHtml.render(SampleReports.sample(intact, true));
        int lost = html.indexOf("thesis.odt");
        int damaged = html.indexOf("newline.jpg</code>");
        int firstIntact = html.indexOf("/docs/intact ");
        assertThat(lost).isPositive().isLessThan(damaged);
        assertThat(damaged).isLessThan(firstIntact);
        assertThat(html).contains("5 more intact files");
        assertThat(Pattern.compile("<tr class=\"intact\">").matcher(html).results().count())
                .isEqualTo(ReportHtml.MAX_INTACT_ROWS);
        assertThat(html).contains("2 damaged, of unknown provenance or lost, " + intact + " intact.");
    }

    @Test
    void thePictureIsAnEmbeddedPngWithTheMetadataRegionsOutlined() throws IOException {
        BufferedImage with = embeddedPicture(ReportHtml.render(SampleReports.sample(1, true)));
        BufferedImage without = embeddedPicture(ReportHtml.render(SampleReports.sample(1, false)));
        assertThat(with.getWidth()).isEqualTo(ReportHtml.PICTURE_WIDTH);
        assertThat(with.getHeight()).isEqualTo(ReportHtml.PICTURE_HEIGHT);
        assertThat(pixels(with, Palette.DOMAIN_OUTLINE)).isGreaterThan(100);
        assertThat(pixels(without, Palette.DOMAIN_OUTLINE)).isZero();
    }

    @Test
    void theJsonHoldsTheSameContentAndParses() {
        RescueReport r = SampleReports.sample(2, true);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(ReportJson.render(r));
        assertThat(json.get("title")).isEqualTo(r.title());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) json.get("files");
        assertThat(files).extracting(f -> f.get("path")).contains(SampleReports.EVIL_NAME);
        assertThat((List<?>) json.get("damage")).hasSize(3);
        @SuppressWarnings("unchecked")
        Map<String, Object> stack = (Map<String, Object>) json.get("stack");
        assertThat(stack.get("label")).isEqualTo("disk.img");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) json.get("map");
        assertThat((List<?>) map.get("metadataRegions")).hasSize(3);
    }

    @Test
    void theWriterReplacesBothFilesAndLeavesNothingWhenItCannotWrite() throws IOException {
        Path html = dir.resolve("report.html");
        Path json = dir.resolve("report.json");
        Files.writeString(html, "old");
        ReportWriter.write(SampleReports.sample(1, true), html, json);
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>");
        assertThat(Files.readString(json)).startsWith("{");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.html", "report.json");
        }
        Path missing = dir.resolve("no such dir/report.html");
        assertThatThrownBy(() -> ReportWriter.write(SampleReports.sample(1, true), missing,
                dir.resolve("no such dir/report.json"))).isInstanceOf(IOException.class);
        assertThat(missing.getParent()).doesNotExist();
    }

    @Test
    void sizesAndPercentagesReadWell() {
        assertThat(Html.size(512)).isEqualTo("512 B");
        assertThat(Html.size(1536)).isEqualTo("1.50 KiB");
        assertThat(Html.size(600L << 20)).isEqualTo("600 MiB");
        assertThat(Html.percent(1 - 1e-9)).isEqualTo("99.99%");
        assertThat(Html.percent(1e-9)).isEqualTo("0.01%");
        assertThat(Html.percent(1)).isEqualTo("100.00%");
    }

    static BufferedImage embeddedPicture(String html) throws IOException {
        Matcher m = Pattern.compile("<img id=\"map-picture\"[^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
                .matcher(html);
        assertThat(m.find()).as("embedded picture").isTrue();
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
    }

    private static long pixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
