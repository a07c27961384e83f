/**
 * Pictures of mapfiles as ddrescueview users know them: the map cut into equal cells in row-major order,
 * each cell coloured by ddrescueview's palette and presence-weighted blend, with a legend of ddrescuelog's
 * totals. {@link io.qrescue.mapfile.picture.MapPicture} is the entry point; output is PNG (drawn without
 * AWT fonts, so it works headless) or SVG text. JDK only.
 */
package io.qrescue.mapfile.picture;
