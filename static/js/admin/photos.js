/* Photos in the admin (no inline scripts: CSP).
   1. The photo inline: drag rows to reorder; their "order" numbers follow the new order.
   2. "Add photos": warn before sending more files than the server accepts. */
(function () {
  "use strict";

  function orderInput(row) {
    return row.querySelector("td.field-order input");
  }

  function renumber(tbody) {
    var rows = tbody.querySelectorAll("tr.has_original");
    Array.prototype.forEach.call(rows, function (row, index) {
      var input = orderInput(row);
      if (input && input.value !== String(index)) {
        input.value = String(index);
      }
    });
  }

  function enableDragging(group) {
    var tbody = group.querySelector("tbody");
    if (!tbody) { return; }
    var dragged = null;
    Array.prototype.forEach.call(tbody.querySelectorAll("tr.has_original"), function (row) {
      if (!orderInput(row)) { return; }
      row.setAttribute("draggable", "true");
      row.addEventListener("dragstart", function (event) {
        dragged = row;
        row.classList.add("photo-dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.id || "");
      });
      row.addEventListener("dragend", function () {
        row.classList.remove("photo-dragging");
        dragged = null;
        Array.prototype.forEach.call(tbody.querySelectorAll(".photo-drop-target"), function (r) {
          r.classList.remove("photo-drop-target");
        });
      });
      row.addEventListener("dragover", function (event) {
        if (!dragged || dragged === row) { return; }
        event.preventDefault();
        row.classList.add("photo-drop-target");
      });
      row.addEventListener("dragleave", function () {
        row.classList.remove("photo-drop-target");
      });
      row.addEventListener("drop", function (event) {
        if (!dragged || dragged === row) { return; }
        event.preventDefault();
        row.classList.remove("photo-drop-target");
        var rows = Array.prototype.slice.call(tbody.querySelectorAll("tr.has_original"));
        var before = rows.indexOf(dragged) > rows.indexOf(row) ? row : row.nextSibling;
        tbody.insertBefore(dragged, before);
        renumber(tbody);
      });
    });
  }

  function guardFileCount(input) {
    var max = parseInt(input.getAttribute("data-max-files"), 10);
    var warning = input.form && input.form.querySelector(".photo-upload-warning");
    input.addEventListener("change", function () {
      var tooMany = max && input.files && input.files.length > max;
      input.setCustomValidity(tooMany ? input.getAttribute("data-too-many") : "");
      if (warning) {
        warning.textContent = tooMany ? input.getAttribute("data-too-many") : "";
        warning.hidden = !tooMany;
      }
    });
    input.form.addEventListener("submit", function (event) {
      if (!input.checkValidity()) {
        event.preventDefault();
        input.reportValidity();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".photo-inline"), enableDragging);
    Array.prototype.forEach.call(
      document.querySelectorAll("input[type=file][data-max-files]"), guardFileCount
    );
  });
})();
