/**
 * Marks content that only the browser can draw (a chart that measures its box): a page holding it
 * starts its client code at load instead of on the reader's first input (BootOnFirstInput.tsx).
 */
export const BOOT_AT_LOAD = "data-boot-at-load";
