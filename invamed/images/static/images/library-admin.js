/* The library's change form: the picture can be dropped anywhere on its row as well as chosen
   with the file input, and a preview shows what was picked before it is sent. */
;(() => {
  "use strict"
  function preview(input) {
    let img = input.parentElement.querySelector(".library-drop-preview")
    const file = input.files && input.files[0]
    if (!file || !file.type.startsWith("image/")) return
    if (!img) {
      img = document.createElement("img")
      img.className = "library-drop-preview"
      img.alt = ""
      input.parentElement.append(img)
    }
    const reader = new FileReader()
    reader.onload = () => {
      img.src = reader.result
    }
    reader.readAsDataURL(file)
  }
  function start() {
    const input = document.querySelector("input.library-picture")
    if (!input) return
    const zone = input.closest(".form-row") || input.parentElement
    zone.classList.add("library-drop-zone")
    zone.addEventListener("dragover", (event) => {
      event.preventDefault()
      zone.classList.add("library-drop-over")
    })
    zone.addEventListener("dragleave", () => zone.classList.remove("library-drop-over"))
    zone.addEventListener("drop", (event) => {
      event.preventDefault()
      zone.classList.remove("library-drop-over")
      if (event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files
        preview(input)
      }
    })
    input.addEventListener("change", () => preview(input))
  }
  document.addEventListener("DOMContentLoaded", start)
})()
