package io.qrescue.imager.rescue;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.StatusBlock;

/**
 * Builds the rescue domain and brings a loaded map into the shape the phases expect (spec 1.6; ddrescue: the
 * Mapbook and Rescuebook constructors): domain from -i/-s/-m cropped to the input size, map extended to the
 * input size (or the domain cut to the map with -C), compacted, sub-sectors joined, split at domain borders,
 * then -M and -A applied.
 */
final class MapPreparation {

    /** The map and domain ready for rescuing. */
    record Prepared(Mapfile map, Domain domain, boolean mapfileExisted, long mapfileInputSize) {
    }

    private MapPreparation() {
    }

    /**
     * @param domainMap the finished blocks of the -m mapfile, already read, or null without -m
     * @param existing the mapfile read from disk, or null if there is none (a fresh rescue)
     * @param inputSize the input size as ddrescue sees it (0 if unknown)
     */
    static Prepared prepare(RescueOptions options, BlockMap domainMap, Mapfile existing, long inputSize)
            throws SetupFailure {
        Domain domain = domainMap != null
                ? Domain.ofFinished(domainMap, options.inputPosition(), options.maxSize())
                : Domain.of(options.inputPosition(), options.maxSize());
        if (inputSize > 0) {
            if (domain.pos() >= inputSize) {
                throw new SetupFailure(1, "Can't start reading at pos " + domain.pos() + ".\n"
                        + "          Input file is only " + inputSize + " bytes long.", RescueResult.Subject.NONE);
            }
            domain = domain.crop(new Block(0, inputSize));
        }
        Mapfile map = existing != null ? existing.copy() : new Mapfile(new BlockMap());
        long mapfileInputSize = existing != null ? map.blocks().extent().end() : 0;
        BlockMap blocks = map.blocks();
        if (!options.completeOnly()) {
            try {
                blocks.extend(inputSize);
            } catch (MapfileException e) {
                throw new SetupFailure(e.exitCode(), e.getMessage(), RescueResult.Subject.NONE);
            }
        } else {
            domain = domain.crop(blocks.extent());
        }
        blocks.compact();
        blocks.joinSubsectors(options.sectorSize());
        blocks.splitByDomainBorders(domain);
        if (blocks.isEmpty()) {
            domain = Domain.of(0, 0);
        }
        if (options.retrim()) {
            setStatusInDomain(blocks, domain, BlockStatus.NON_TRIMMED, BlockStatus.NON_SCRAPED, BlockStatus.BAD_SECTOR);
        }
        if (options.tryAgain()) {
            setStatusInDomain(blocks, domain, BlockStatus.NON_TRIED, BlockStatus.NON_SCRAPED, BlockStatus.NON_TRIMMED);
        }
        return new Prepared(map, domain, existing != null, mapfileInputSize);
    }

    /** Gives {@code to} to every block in the domain whose status is {@code from1} or {@code from2}, unmerged. */
    private static void setStatusInDomain(BlockMap blocks, Domain domain, BlockStatus to, BlockStatus from1,
            BlockStatus from2) {
        for (StatusBlock sb : blocks.toList()) {
            if (!domain.includes(sb)) {
                if (domain.isBefore(sb.block())) {
                    break;
                }
                continue;
            }
            if (sb.status() == from1 || sb.status() == from2) {
                blocks.setBlockStatus(sb.pos(), to);
            }
        }
    }
}
