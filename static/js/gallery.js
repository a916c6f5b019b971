// Full-screen photo viewer for [data-gallery] lists of [data-gallery-item] links.
// Without JavaScript each thumbnail is a plain link to the full photo. With it, a click opens
// a modal <dialog>: Esc closes it, ←/→ (and the buttons) move between photos, focus returns
// to the thumbnail on close. Text goes in with textContent only (captions are user input).
(function () {
  "use strict";

  function button(className, label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "lightbox-button " + className;
    b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }

  function initGallery(list) {
    var links = Array.prototype.slice.call(list.querySelectorAll("[data-gallery-item]"));
    if (!links.length || typeof HTMLDialogElement === "undefined") { return; }
    var labels = list.dataset;
    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", labels.labelViewer || "Photo viewer");
    var figure = document.createElement("figure");
    figure.className = "lightbox-figure";
    var img = document.createElement("img");
    img.className = "lightbox-image";
    img.alt = "";
    var caption = document.createElement("figcaption");
    caption.className = "lightbox-caption";
    var text = document.createElement("span");
    var counter = document.createElement("span");
    counter.className = "lightbox-counter";
    caption.appendChild(counter);
    caption.appendChild(text);
    figure.appendChild(img);
    figure.appendChild(caption);
    var close = button("lightbox-close", labels.labelClose || "Close", "×");
    var prev = button("lightbox-prev", labels.labelPrevious || "Previous photo", "‹");
    var next = button("lightbox-next", labels.labelNext || "Next photo", "›");
    dialog.appendChild(figure);
    dialog.appendChild(prev);
    dialog.appendChild(next);
    dialog.appendChild(close);
    document.body.appendChild(dialog);

    var index = 0;
    var opener = null;

    function show(i) {
      index = (i + links.length) % links.length;
      var link = links[index];
      var thumb = link.querySelector("img");
      img.src = link.href;
      img.alt = thumb ? thumb.alt : "";
      if (link.dataset.width) {
        img.width = Number(link.dataset.width);
        img.height = Number(link.dataset.height);
      }
      var words = [link.dataset.caption, link.dataset.credit ? "© " + link.dataset.credit : ""];
      text.textContent = words.filter(Boolean).join(" — ");
      counter.textContent = (index + 1) + " / " + links.length;
      prev.hidden = next.hidden = links.length < 2;
      dialog.dataset.index = String(index);
    }

    links.forEach(function (link, i) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
        event.preventDefault();
        opener = link;
        show(i);
        dialog.showModal();
        close.focus();
      });
    });
    prev.addEventListener("click", function () { show(index - 1); });
    next.addEventListener("click", function () { show(index + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    // A click on the dark backdrop (the dialog itself, not its content) closes it.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) { dialog.close(); }
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { event.preventDefault(); show(index - 1); }
      if (event.key === "ArrowRight") { event.preventDefault(); show(index + 1); }
    });
    // Esc closes a modal dialog natively; either way, focus goes back where it was.
    dialog.addEventListener("close", function () {
      img.removeAttribute("src");
      if (opener) { opener.focus(); }
    });
  }

  document.querySelectorAll("[data-gallery]").forEach(initGallery);
})();
