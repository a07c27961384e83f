package io.qrescue.mapfile.picture;

import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.RunStatus;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;

import static io.qrescue.mapfile.BlockStatus.BAD_SECTOR;
import static io.qrescue.mapfile.BlockStatus.FINISHED;
import static io.qrescue.mapfile.BlockStatus.NON_TRIED;

/** Run by {@link HeadlessRenderTest} in a fresh JVM: writes map.png and map.svg into the folder in args[0]. */
public final class HeadlessRender {

    private HeadlessRender() {
    }

    public static void main(String[] args) throws Exception {
        Mapfile map = new Mapfile(8192, RunStatus.COPYING, 1,
                TestMaps.of(1 << 20, FINISHED, 512, BAD_SECTOR, 1 << 20, NON_TRIED));
        MapPicture picture = MapPicture.of(map, PictureOptions.defaults().withTitle("headless.map"));
        picture.writeTo(Path.of(args[0], "map.png"));
        picture.writeTo(Path.of(args[0], "map.svg"));
        System.out.println("headless=" + GraphicsEnvironment.isHeadless());
    }
}
