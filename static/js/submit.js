// The "suggest a place" form: warn before sending too many or too large photos, fill the
// coordinates from the phone's position when asked, and send once. The server checks all of
// it again; the form works without this file.
(function () {
  "use strict";
  var form = document.querySelector(".submit-form");
  if (!form) { return; }

  var errors = document.getElementById("form-errors");
  if (errors) { errors.focus(); }

  var input = form.querySelector("input[type=file][data-max-files]");
  var warning = form.querySelector(".photo-choice-warning");
  function checkPhotos() {
    var files = Array.prototype.slice.call(input.files || []);
    var total = 0, tooBig = false;
    files.forEach(function (file) {
      total += file.size;
      if (file.size > Number(input.dataset.maxBytes)) { tooBig = true; }
    });
    var message = "";
    if (files.length > Number(input.dataset.maxFiles)) {
      message = input.dataset.tooMany;
    } else if (tooBig || total > Number(input.dataset.maxTotalBytes)) {
      message = input.dataset.tooLarge;
    }
    warning.textContent = message;
    warning.hidden = !message;
    return !message;
  }
  if (input && warning) { input.addEventListener("change", checkPhotos); }

  var locate = form.querySelector("[data-use-my-position]");
  if (locate && navigator.geolocation) {
    var status = form.querySelector("[data-position-status]");
    locate.closest("[hidden]").hidden = false;
    locate.addEventListener("click", function () {
      status.textContent = locate.dataset.locating;
      navigator.geolocation.getCurrentPosition(function (position) {
        form.elements.latitude.value = position.coords.latitude.toFixed(6);
        form.elements.longitude.value = position.coords.longitude.toFixed(6);
        status.textContent = "";
      }, function () {
        status.textContent = locate.dataset.failed;
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  }

  form.addEventListener("submit", function (event) {
    if (input && warning && !checkPhotos()) {
      event.preventDefault();
      input.focus();
      return;
    }
    var button = form.querySelector("button[type=submit]");
    if (button.disabled) { event.preventDefault(); return; }
    button.dataset.label = button.textContent;
    button.disabled = true;
    button.textContent = button.dataset.sending;
  });
  // Back from the next page (the browser's page cache): the button works again.
  window.addEventListener("pageshow", function () {
    var button = form.querySelector("button[type=submit]");
    if (button.disabled) { button.disabled = false; button.textContent = button.dataset.label; }
  });
})();
