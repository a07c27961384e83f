package io.qrescue.recovery.vm.lvmfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata texts a VM run restores: the user's own first, then a stock form for each other VG needing one. */
class StockFormsTest {

    @Test
    void shouldKeepTheUsersTextAndAddAndTellEachOtherStockForm() {
        StockForms forms = new StockForms(Map.of(
                "vg1", new StockRewrite("vg1", "vg1 { rewritten }", List.of("tp1: type tier-thin-pool -> thin-pool"),
                        List.of()),
                "vg2", new StockRewrite("vg2", "vg2 { rewritten }", List.of("lv9: type thick -> thin"),
                        List.of("lv8: segment type qtier-cache"))), List.of());
        List<String> notes = new ArrayList<>();

        Map<String, String> texts = forms.restoreTexts(Map.of("vg1", "vg1 { the user's }"), notes::add);

        assertThat(texts).containsExactly(Map.entry("vg1", "vg1 { the user's }"), Map.entry("vg2", "vg2 { rewritten }"));
        assertThat(notes).containsExactly("VG vg2: stock lvm would refuse it; restoring a stock form into the VM's "
                + "overlay (lv9: type thick -> thin); NOT converted: lv8: segment type qtier-cache");
    }
}
