/**
 * The GNU ddrescue 1.27 rescue algorithm (spec sections 1.6-1.9, 2): {@link io.qrescue.imager.rescue.Rescuer}
 * runs the copying passes, trimming, scraping and retrying over a {@link io.qrescue.imager.device.BlockDevice},
 * configured by {@link io.qrescue.imager.rescue.RescueOptions}, reporting to a
 * {@link io.qrescue.imager.rescue.RescueListener} and saving through a
 * {@link io.qrescue.imager.rescue.MapfileSaver}. Fill mode ({@link io.qrescue.imager.rescue.Filler}) and generate
 * mode ({@link io.qrescue.imager.rescue.Generator}) reuse its map handling and saving. The engine never prints.
 */
package io.qrescue.imager.rescue;
