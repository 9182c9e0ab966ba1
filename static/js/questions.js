// The question pages' two enhancements; both pages work without JavaScript too.
(function () {
  // After a failed Continue, focus goes to the error summary, as on NHS.UK and GOV.UK:
  // a screen reader reads the problems first, and Tab goes from there to each link.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }

  // The back link opens the page before. Here it posts this page's form as Back instead,
  // so that what is already ticked on this page is kept, as the server's Back keeps it.
  var back = document.querySelector("[data-back-link]");
  var form = document.querySelector("form[data-questions]");
  if (back && form) {
    back.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
        return; // a new tab or window: just the link
      }
      event.preventDefault();
      var action = document.createElement("input");
      action.type = "hidden";
      action.name = "action";
      action.value = "back";
      form.appendChild(action);
      form.submit();
    });
  }
})();
