{
  "tool": "https://github.com/kopia/kopia",
  "buildVersion": "0.20.1",
  "buildInfo": "1ee24977ceb09c02329eaebac718ec5a950c5d83",
  "uniqueID": "I42UkZhVnNtdRTXtfZK8eI644s11Hteq8gSh1YqTgGI=",
  "keyAlgo": "scrypt-65536-8-1",
  "encryption": "AES256_GCM",
  "encryptedBlockFormat": "GHumGIRilVFll+YI2P5i9c8e3nszrXKaZ/1hFioyUpK2f/qwiXoqfqiNBn0593szoRTJSyTw/5vxCS2an6cBXLtBaHmlcEPKXY8jBUCtHJs9w2RZhNQtRRA1U6hdQtskO9y3L031b8LHx0LoozYkyioOiy/3jYMzhS8Np+02+ib/B5+KK5qtaArtGkyEjBsbPVtkQzKHmFXa8gTMwF8YYs2KspPf21e2WSx4GrsZK/hlpWg4ZifYSiGSq2NuziKJuNLOSzDpGPqayziAiYre6IywIKSGnPiuEonjk5EF9hV8wgfJPKWr8Zmq/ENLa/b6vrqiLue55a7pHshvxl1DPjWVvExzyet2rp/qyD7JoKIRxebMjsUHlc12CrQJrUzqTTVUXdZu5XJtgSVulG2c+YmcOGSWRj1EjMVFQrRwhxgi6+CdCVzBw8n4agMMdlCs5xPQWTFw+VXPOiNmW1vm71wfCANFgheU2/cykx7UCK89yiLZPZdJAiuPULDUzj9FG3eixmi815aggVRB1Y4s/Z4yguGabQMfpP371F1Sgo1HRdqI9TTGGD35yUREuqfFauqXT7xc2X6GlLv9BxnP+nkBq0bI4BPGNH/KCfL1A7HHNBZUVFpfJDLNzwJr7GiuBLez0llFoJkiZoWUsU4H+1pigNVBRVtfq7aJJTQ3nz8TrUQ/Tlh+SV4u/SBJIBVZWokHEZuCHr2Nx2nRLoS/hmsP8h3o83BSjtR4PtPpYdX4iaDEC2qe27cR230FzYkYKcXFi0OYoJidxBxSXINvAbXRH2QvOHJeg6xp7JerYA=="
}
