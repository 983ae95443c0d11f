// Runs inside the page (WebDriver execute/sync). A small, pragmatic subset of the ARIA role and
// accessible-name rules - enough to find controls the way a person or a screen reader does.
//
// arguments: mode ("role" | "text" | "snapshot"), role (or array of roles), name matcher ({exact} | {regex, flags} | null),
//            root element or null, includeHidden
// returns: matching elements, in document order

function pageFind(mode, role, matcher, root, includeHidden) {
  const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
  const matches = (value) => {
    if (!matcher) return true;
    const v = norm(value);
    if ("exact" in matcher) return v === norm(matcher.exact);
    return new RegExp(matcher.regex, matcher.flags).test(v);
  };
  const visible = (el) => {
    if (includeHidden) return true;
    if (el.closest("[aria-hidden='true'],[hidden],[inert]")) return false;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };

  const implicitRole = (el) => {
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute("type") || "text").toLowerCase();
    switch (tag) {
      case "button":
        return "button";
      case "a":
        return el.hasAttribute("href") ? "link" : null;
      case "input":
        if (["button", "submit", "reset", "image"].includes(type)) return "button";
        if (type === "checkbox") return "checkbox";
        if (type === "radio") return "radio";
        if (type === "range") return "slider";
        if (type === "number") return "spinbutton";
        if (type === "search") return el.hasAttribute("list") ? "combobox" : "searchbox";
        if (type === "hidden") return null;
        return el.hasAttribute("list") ? "combobox" : "textbox";
      case "textarea":
        return "textbox";
      case "select":
        return el.multiple || el.size > 1 ? "listbox" : "combobox";
      case "option":
        return "option";
      case "table":
        return "table";
      case "tr":
        return "row";
      case "td":
        return "cell";
      case "th":
        return el.closest("thead") || el.getAttribute("scope") === "col" ? "columnheader" : "rowheader";
      case "dialog":
        return "dialog";
      case "ul":
      case "ol":
        return "list";
      case "li":
        return "listitem";
      case "h1":
      case "h2":
      case "h3":
      case "h4":
      case "h5":
      case "h6":
        return "heading";
      case "img":
        return el.getAttribute("alt") === "" ? "presentation" : "img";
      case "nav":
        return "navigation";
      case "main":
        return "main";
      case "header":
        return el.closest("article,aside,main,nav,section") ? null : "banner";
      case "form":
        return "form";
      case "section":
        return el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby") ? "region" : null;
      case "progress":
        return "progressbar";
      default:
        return null;
    }
  };
  const roleOf = (el) => {
    const explicit = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
    return explicit || implicitRole(el);
  };

  const textOf = (el) => {
    // Text content as the accessible-name algorithm sees it: skip hidden parts, use alt/aria-label of children.
    let out = "";
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) out += node.textContent;
      else if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.getAttribute("aria-hidden") === "true") continue;
        const style = getComputedStyle(node);
        if (style.display === "none" || style.visibility === "hidden") continue;
        if (node.hasAttribute("aria-label")) out += " " + node.getAttribute("aria-label") + " ";
        else if (node.tagName === "IMG") out += " " + (node.getAttribute("alt") || "") + " ";
        else if (["INPUT", "SELECT", "TEXTAREA"].includes(node.tagName)) out += " " + (node.value || "") + " ";
        // A highlight inside a word (<mark>ord</mark>ers-prod) does not split it.
        else if (node.tagName === "MARK") out += textOf(node);
        else out += " " + textOf(node) + " ";
      }
    }
    return norm(out);
  };

  const nameOf = (el) => {
    const labelledby = el.getAttribute("aria-labelledby");
    if (labelledby) {
      const parts = labelledby
        .split(/\s+/)
        .map((id) => document.getElementById(id))
        .filter(Boolean)
        // Referenced nodes count even when hidden (e.g. an icon button's tooltip).
        .map((n) => (n === el ? el.getAttribute("aria-label") || "" : n.getAttribute("aria-label") || n.textContent));
      const joined = norm(parts.join(" "));
      if (joined) return joined;
    }
    const label = el.getAttribute("aria-label");
    if (label && norm(label)) return norm(label);
    const tag = el.tagName;
    if (["INPUT", "SELECT", "TEXTAREA"].includes(tag)) {
      if (el.labels && el.labels.length) return norm([...el.labels].map(textOf).join(" "));
      if (el.type === "button" || el.type === "submit" || el.type === "reset") return norm(el.value);
      return norm(el.getAttribute("placeholder") || el.getAttribute("title") || "");
    }
    if (tag === "IMG") return norm(el.getAttribute("alt") || el.getAttribute("title") || "");
    if (tag === "TABLE") {
      const caption = el.querySelector("caption");
      if (caption) return textOf(caption);
    }
    const role = roleOf(el);
    const fromContent = [
      "button", "link", "heading", "cell", "columnheader", "rowheader", "row", "tab", "menuitem",
      "menuitemcheckbox", "menuitemradio", "option", "checkbox", "radio", "switch", "tooltip", "treeitem",
      "listitem", "gridcell", "status", "alert",
    ];
    if (fromContent.includes(role)) {
      const t = textOf(el);
      if (t) return t;
    }
    if (role === "dialog" || role === "alertdialog") {
      const heading = el.querySelector("h1,h2,h3,h4,[role='heading']");
      if (heading) return textOf(heading);
    }
    return norm(el.getAttribute("title") || "");
  };

  const base = root || document.body;
  const all = [base, ...base.querySelectorAll("*")];
  const result = [];
  if (mode === "snapshot") {
    // "role: name" of every visible element with a role - saved next to failure screenshots.
    for (const el of all) {
      const r = roleOf(el);
      if (!r || r === "presentation" || r === "none" || !visible(el)) continue;
      const depth = (() => {
        let d = 0;
        for (let p = el.parentElement; p; p = p.parentElement) if (roleOf(p)) d++;
        return d;
      })();
      const extra = [];
      if (el.disabled || el.getAttribute("aria-disabled") === "true") extra.push("disabled");
      if (el.getAttribute("aria-expanded")) extra.push(`expanded=${el.getAttribute("aria-expanded")}`);
      if (el.checked) extra.push("checked");
      const name = nameOf(el).slice(0, 120);
      result.push(`${"  ".repeat(depth)}${r}: ${JSON.stringify(name)}${extra.length ? " [" + extra.join(", ") + "]" : ""}`);
    }
    return result.join("\n");
  }
  if (mode === "role") {
    const roles = Array.isArray(role) ? role : [role];
    for (const el of all) {
      if (!roles.includes(roleOf(el))) continue;
      if (!visible(el)) continue;
      if (!matches(nameOf(el))) continue;
      result.push(el);
    }
  } else {
    // Innermost elements whose visible text matches (so a table cell wins over its row and table).
    for (const el of all) {
      if (["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(el.tagName)) continue;
      if (!visible(el)) continue;
      if (!matches(el.innerText)) continue;
      result.push(el);
    }
    return result.filter((el) => !result.some((other) => other !== el && el.contains(other)));
  }
  return result;
}

export const FIND_SCRIPT = `return (${pageFind.toString()}).apply(null, arguments);`;
