package io.qrescue.imager.rescue;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;

/**
 * Brings the map and domain of fill and generate mode into shape before anything else is opened (ddrescue: the
 * Mapbook constructor as Fillbook and Genbook call it). Fill mode works only on what the mapfile covers;
 * generate mode covers the whole input. Neither joins sub-sector blocks, unlike a rescue.
 */
public final class ModePreparation {

    /**
     * The map to work on and the domain, empty if there is nothing to do.
     *
     * @param mapfileExisted whether the map came from an existing mapfile
     */
    public record Prepared(Mapfile map, Domain domain, boolean mapfileExisted) {
    }

    private ModePreparation() {
    }

    /**
     * Fill mode: the domain (from -i, -s, -m) is limited to the blocks of the existing mapfile.
     *
     * @param existing the mapfile read from disk; fill mode needs one
     */
    public static Prepared forFill(Mapfile existing, Domain domain) {
        Mapfile map = existing.copy();
        BlockMap blocks = map.blocks();
        Domain cropped = domain.crop(blocks.extent());
        return finish(map, cropped, true);
    }

    /**
     * Generate mode: the domain is cut to the input size and the map (new if {@code existing} is null) extended to
     * cover the input.
     *
     * @throws MapfileException exit 1, if the domain starts past the input or the map does not fit the input
     */
    public static Prepared forGenerate(Mapfile existing, Domain domain, long inputSize) throws MapfileException {
        Domain cropped = domain;
        if (inputSize > 0) {
            if (domain.pos() >= inputSize) {
                throw new MapfileException("Can't start reading at pos " + domain.pos() + ".\n"
                        + "          Input file is only " + inputSize + " bytes long.", 1);
            }
            cropped = domain.crop(new Block(0, inputSize));
        }
        Mapfile map = existing != null ? existing.copy() : new Mapfile(new BlockMap());
        map.blocks().extend(inputSize);
        return finish(map, cropped, existing != null);
    }

    private static Prepared finish(Mapfile map, Domain domain, boolean mapfileExisted) {
        BlockMap blocks = map.blocks();
        blocks.compact();
        blocks.splitByDomainBorders(domain);
        Domain result = blocks.isEmpty() ? Domain.of(0, 0) : domain;
        return new Prepared(map, result, mapfileExisted);
    }
}
