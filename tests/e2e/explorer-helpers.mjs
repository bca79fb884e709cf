// Helpers for the explorer's tests: what a person can read (the digits a
// number shows), what a listener hears (live-region updates, the
// accessibility tree), and the explorer's state as the page shows it.

/**
 * The numbers in `text` that show more digits than a person can read: more
 * than 6 significant digits, or more than 4 decimals in plain form unless
 * the number is small enough to need them for 3 significant digits
 * (0.00125). The exponent form (1.23457e6) counts significant digits only.
 */
export function unreadableNumbers(text) {
  const bad = [];
  for (const match of text.matchAll(/[-−]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[-−+]?\d+)?/gi)) {
    const token = match[0];
    const body = token.replace(/^[-−]/, "");
    const [mantissa, exponent] = body.split(/e/i);
    const decimals = exponent === undefined && mantissa.includes(".") ? mantissa.split(".")[1].length : 0;
    const significant = mantissa.replace(".", "").replace(/^0+/, "").length;
    if (significant > 6 || (decimals > 4 && significant > 3)) bad.push(token);
  }
  return bad;
}

/**
 * Everything the explorer shows as text: visible text, field values, the
 * visually hidden live region, and the URL fragment (what Copy link
 * copies). Returns { text, hash, logits: the logit fields' values }.
 */
export async function explorerTexts(page) {
  return page.evaluate(() => {
    const root = document.getElementById("explorer");
    const parts = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const element = walker.currentNode.parentElement;
      if (element?.checkVisibility() || element?.closest("#explorer-live")) parts.push(walker.currentNode.textContent);
    }
    for (const field of root.querySelectorAll("input[type='text'], input:not([type])")) {
      if (field.checkVisibility()) parts.push(field.value);
    }
    return {
      text: parts.join(" "),
      hash: decodeURIComponent(location.hash),
      logits: [...document.querySelectorAll("#logit-fields input")].map((i) => i.value),
    };
  });
}

/** softmax(x / T) for checking what the page shows (T finite and > 0). */
export function softmax(x, t = 1) {
  const finite = x.filter((v) => v !== -Infinity);
  const top = Math.max(...finite);
  const e = x.map((v) => (v === -Infinity ? 0 : Math.exp((v - top) / t)));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/**
 * Start recording live-region updates: every element that is a live region
 * (aria-live other than "off", role status/alert/log, or an <output>,
 * which is a polite region unless told otherwise). One entry per region per
 * mutation batch, in order; read them with `liveUpdates`.
 */
export async function watchLive(page) {
  await page.evaluate(() => {
    window.__liveUpdates = [];
    const live = (el) => {
      const value = el.getAttribute("aria-live");
      if (value) return value !== "off";
      return ["status", "alert", "log"].includes(el.getAttribute("role")) || el.tagName === "OUTPUT";
    };
    const regions = [...document.querySelectorAll("body *")].filter(live);
    const observer = new MutationObserver((records) => {
      const seen = new Set();
      for (const record of records) {
        const region = regions.find((r) => r.contains(record.target));
        if (region && !seen.has(region)) {
          seen.add(region);
          window.__liveUpdates.push({ id: region.id, text: region.textContent });
        }
      }
    });
    for (const region of regions) observer.observe(region, { childList: true, characterData: true, subtree: true });
  });
}

/** The live-region updates since `watchLive` (and forget them). */
export async function liveUpdates(page) {
  return page.evaluate(() => window.__liveUpdates.splice(0));
}

/**
 * The live regions of the explorer as Chromium's accessibility tree has
 * them: the DOM ids of nodes whose `live` property is not "off" and whose
 * own node is the region (not a descendant inheriting it).
 */
export async function liveRegionsInTree(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const ids = [];
  for (const node of nodes) {
    const live = node.properties?.find((p) => p.name === "live")?.value?.value;
    const root = node.properties?.find((p) => p.name === "liveRegionRoot")?.value?.relatedNodes?.[0]?.backendDOMNodeId;
    if (!live || live === "off" || node.backendDOMNodeId === undefined) continue;
    if (root !== undefined && root !== node.backendDOMNodeId) continue;
    const { node: dom } = await cdp.send("DOM.describeNode", { backendNodeId: node.backendDOMNodeId });
    const attributes = dom.attributes ?? [];
    const at = attributes.indexOf("id");
    ids.push(at >= 0 ? attributes[at + 1] : `${dom.nodeName.toLowerCase()}(no id)`);
  }
  await cdp.detach();
  return ids;
}

// Whether this Chromium puts a slider's aria-valuetext into its
// accessibility tree. Some builds (Debian's 156.0.8078.114) report the
// numeric position there for every slider, even an ARIA one; on those the
// tree cannot tell what a screen reader hears, so the helper below reads
// the attribute the page set instead, and says so once.
const exposure = new WeakMap();
async function treeExposesValueText(context) {
  if (!exposure.has(context)) {
    exposure.set(context, (async () => {
      const probe = await context.newPage();
      await probe.setContent('<input type="range" aria-label="probe" aria-valuetext="probe text">');
      const cdp = await context.newCDPSession(probe);
      const { nodes } = await cdp.send("Accessibility.getFullAXTree");
      await cdp.detach();
      await probe.close();
      const slider = nodes.find((n) => n.role?.value === "slider");
      const exposed = slider?.properties?.find((p) => p.name === "valuetext")?.value?.value === "probe text";
      if (!exposed) {
        console.error("note: this Chromium leaves aria-valuetext out of its accessibility tree; slider texts are read from the attribute");
      }
      return exposed;
    })());
  }
  return exposure.get(context);
}

/** What the accessibility tree gives a screen reader for the slider named
 * `name`: its value text when it has one, else its number. */
export async function sliderValueInTree(page, name = /slide T/) {
  const exposed = await treeExposesValueText(page.context());
  // Chromium builds its accessibility tree lazily: a snapshot right after a
  // change can be one update behind. Ask again (for up to 3 s) until the
  // tree has caught up with the slider's own aria-valuetext, so what is
  // returned is what a screen reader hears once the page is settled.
  const cdp = await page.context().newCDPSession(page);
  let heard;
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    const slider = nodes.find((n) => n.role?.value === "slider" && name.test(n.name?.value ?? ""));
    const text = slider?.properties?.find((p) => p.name === "valuetext")?.value?.value;
    const id = slider?.backendDOMNodeId;
    const { object } = id ? await cdp.send("DOM.resolveNode", { backendNodeId: id }) : {};
    const attribute = object
      ? (await cdp.send("Runtime.callFunctionOn", {
          objectId: object.objectId,
          functionDeclaration: "function () { return this.getAttribute('aria-valuetext'); }",
          returnByValue: true,
        })).result.value
      : undefined;
    heard = exposed ? text ?? slider?.value?.value : attribute ?? slider?.value?.value;
    if (slider && (!exposed || attribute == null || attribute === text)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await cdp.detach();
  return heard;
}
